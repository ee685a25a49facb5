/**
 * How forms print the office's letterhead (填报单位, 联系人, 联系电话: ledger/api/office-profile.ts): a line is left to
 * fill in by hand where the office has not set it.
 */
import type { OfficeLetterhead } from "../api/office-profile.ts";
import { dayText } from "./form-text.ts";

export type { OfficeLetterhead };

/** A line to write on by hand. */
export const FILL_IN = "＿＿＿＿＿＿＿＿";

/** What every form a writer fills needs besides its data: the day it is filed (Beijing date) and the letterhead. */
export interface FormOptions {
  /** YYYY-MM-DD, Beijing time. */
  filedOn: string;
  /** The office's letterhead; lines to fill by hand when absent. */
  office?: OfficeLetterhead;
}

/** A form's first line under its title: 填报单位：…　　填报日期：2026年10月9日 (Filed by: … Filed on: …). */
export function filedByLine(o: FormOptions, locale: "zh-CN" | "en"): string {
  return locale === "en"
    ? `Filed by: ${o.office?.filingUnit || FILL_IN}　　Filed on: ${dayText(o.filedOn, "en")}`
    : `填报单位：${o.office?.filingUnit || FILL_IN}　　填报日期：${dayText(o.filedOn)}`;
}
