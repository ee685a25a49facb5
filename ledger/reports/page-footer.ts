/**
 * The page footer of every printed report sheet, the same from the CLI and the task pane: the sheet's name on the
 * left (a loose page says which sheet it belongs to) and the page number centred, in Excel's codes (&A the sheet's
 * name, &P this page, &N pages). Chinese sheets say it in Chinese only, English sheets in English.
 */
export type FooterLocale = "zh-CN" | "en";

export interface PageFooter {
  left: string;
  centre: string;
}

export function pageFooter(locale: FooterLocale = "zh-CN"): PageFooter {
  return { left: "&A", centre: locale === "en" ? "Page &P of &N" : "第 &P 页，共 &N 页" };
}

/** The Chinese footer, for sheets the CLI still builds cell by cell (they are Chinese). */
export const PAGE_FOOTER: PageFooter = pageFooter("zh-CN");

/**
 * The footer as an xlsx file stores it (ExcelJS `headerFooter.oddFooter`): each section behind its code, &L, &C or
 * &R. Text before any code belongs to no section, and readers that go by the sections (openpyxl, WPS, Numbers …)
 * drop it. The task pane names the section through Office.js instead (centerFooter) and writes the text alone.
 */
export function footerCodes(footer: { left?: string; centre?: string; right?: string }): string {
  return (footer.left ? `&L${footer.left}` : "") + (footer.centre ? `&C${footer.centre}` : "") + (footer.right ? `&R${footer.right}` : "");
}
