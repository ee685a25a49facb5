/**
 * The page footer of every printed report sheet, the same from the CLI and the task pane: the page number, centred,
 * in Excel's codes (&P this page, &N pages). The wording is the reports'; where it sits is said here once.
 */
export const PAGE_FOOTER = { centre: "第 &P 页，共 &N 页 Page &P of &N" } as const;

/**
 * The footer as an xlsx file stores it (ExcelJS `headerFooter.oddFooter`): each section behind its code, &L, &C or
 * &R. Text before any code belongs to no section, and readers that go by the sections (openpyxl, WPS, Numbers …)
 * drop it. The task pane names the section through Office.js instead (centerFooter) and writes the text alone.
 */
export function footerCodes(footer: { left?: string; centre?: string; right?: string }): string {
  return (footer.left ? `&L${footer.left}` : "") + (footer.centre ? `&C${footer.centre}` : "") + (footer.right ? `&R${footer.right}` : "");
}
