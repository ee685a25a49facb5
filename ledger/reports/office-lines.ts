/**
 * How forms print the office's letterhead (填报单位, 联系人, 联系电话: ledger/api/office-profile.ts): a line is left to
 * fill in by hand where the office has not set it.
 */
export type { OfficeLetterhead } from "../api/office-profile.ts";

/** A line to write on by hand. */
export const FILL_IN = "＿＿＿＿＿＿＿＿";
