import type ExcelJS from "exceljs";

/** One cell's value as a plain value: formulas give their result, rich text its text, errors nothing. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in v) return (v as ExcelJS.CellHyperlinkValue).text;
  if ("error" in v) return null;
  return null;
}
