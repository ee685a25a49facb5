// What a clerk clicks and reads in the task pane, found by visible text (the pane has no test ids).
import type { Locator, Page } from "playwright-core";
import type { ExcelDoubleInspector } from "../support/excel-double/install.ts";
import type { WpsDoubleInspector } from "../support/wps-double/install.ts";

const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

export function tab(page: Page, name: string): Locator {
  return page.locator("fluent-tab", { hasText: exact(name) });
}

export function button(page: Page, name: string): Locator {
  return page.locator("fluent-button", { hasText: exact(name) });
}

/** A message bar containing the text (a string is matched as a substring). */
export function note(page: Page, text: string | RegExp): Locator {
  return page.locator("fluent-message-bar", { hasText: text });
}

export async function openTab(page: Page, name: string): Promise<void> {
  await tab(page, name).click();
  await page.locator(`fluent-tab[aria-selected="true"]`, { hasText: exact(name) }).waitFor();
}

/** Waits for a message and returns its text. */
export async function waitForNote(page: Page, text: string | RegExp, timeout = 30_000): Promise<string> {
  const bar = note(page, text).first();
  await bar.waitFor({ state: "visible", timeout });
  return (await bar.innerText()).trim();
}

/** Runs fn against the Excel double inside the page. */
export function excel<T, A = undefined>(page: Page, fn: (x: ExcelDoubleInspector, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const x = (globalThis as unknown as { __excelDouble: ExcelDoubleInspector }).__excelDouble;
      return (0, eval)(`(${source})`)(x, a) as T;
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}

/** The questions both hosts' doubles answer alike, so one flow can check the workbook under Excel or WPS 表格. */
type SharedQuestions = "values" | "format" | "conditionalFill" | "conditionalFormats" | "selection" | "formulas" | "settings" | "keepForReload" | "setCell" | "select" | "sheetNames" | "activeSheet" | "merges";
export type WorkbookInspector = Pick<ExcelDoubleInspector, SharedQuestions>;
// The WPS double's answers have the Excel double's shapes (a compile error here when one drifts).
export const wpsAnswersAlike: Pick<WpsDoubleInspector, SharedQuestions> extends WorkbookInspector ? true : never = true;

/** Runs fn against whichever double the page has (Excel's or WPS's), through the questions they share. */
export function workbook<T, A = undefined>(page: Page, fn: (x: WorkbookInspector, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const g = globalThis as unknown as { __excelDouble?: WorkbookInspector; __wpsDouble?: WorkbookInspector };
      return (0, eval)(`(${source})`)(g.__excelDouble ?? g.__wpsDouble, a) as T;
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}

/** How much the pane has asked of the workbook so far (Excel: syncs; WPS: calls), to wait for a run to happen. */
export function workbookActivity(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { __excelDouble?: { syncCount(): number }; __wpsDouble?: { callCount(): number } };
    return g.__excelDouble ? g.__excelDouble.syncCount() : g.__wpsDouble!.callCount();
  });
}
