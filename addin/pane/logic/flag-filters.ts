/** The 预警清单 page's filters: what the coordinator picked, checked and turned into the shared client's query. */
import type { Locale } from "../../../ledger/messages.ts";
import type { Role } from "../../../ledger/api/roles.ts";
import type { FlagsQuery } from "../../../ledger/api/paths.ts";
import { FLAG_CODES, FLAG_NAMES, FLAG_SEVERITIES, MAX_DUE_WITHIN_DAYS, SEVERITY_NAMES, type FlagCode, type FlagSeverity } from "../../../ledger/api/flags.ts";
import { cleanText } from "../../../ledger/text.ts";

/** What the pickers hold: "" means "all". */
export interface FlagFilterChoice {
  unit: string;
  code: string;
  severity: string;
  /** As typed in the "due within N days" box. */
  dueWithinDays: string;
}

export const NO_FILTER: FlagFilterChoice = { unit: "", code: "", severity: "", dueWithinDays: "" };

export type FilterResult = { ok: true; query: FlagsQuery } | { ok: false; message: string };

/**
 * The query for GET /api/flags. A clerk never sends a unit (the server shows them their own); a number of days
 * must be a whole number from 0 to 366 — typed with full-width digits or a trailing 天 is read too.
 */
export function flagsQueryFrom(choice: FlagFilterChoice, role: Role | null, locale: Locale): FilterResult {
  const query: FlagsQuery = {};
  if (role === "coordinator" && choice.unit) query.unit = choice.unit;
  if (choice.code && (FLAG_CODES as string[]).includes(choice.code)) query.code = choice.code as FlagCode;
  if (choice.severity && (FLAG_SEVERITIES as readonly string[]).includes(choice.severity)) query.severity = choice.severity as FlagSeverity;
  const days = cleanText(choice.dueWithinDays).replace(/\s*天$/, "");
  if (days !== "") {
    if (!/^\d{1,4}$/.test(days) || Number(days) > MAX_DUE_WITHIN_DAYS) {
      return {
        ok: false,
        message: locale === "en"
          ? `"Due within" must be a whole number of days from 0 to ${MAX_DUE_WITHIN_DAYS} (you typed "${choice.dueWithinDays}"), e.g. 7; leave it empty for every flag.`
          : `“N 天内到期”须填 0–${MAX_DUE_WITHIN_DAYS} 的整数天数（现在是“${choice.dueWithinDays}”），例如 7；留空则不按期限筛选。`,
      };
    }
    query.dueWithinDays = Number(days);
  }
  return { ok: true, query };
}

/** The filters in words for the status line, e.g. "南埔镇 · 高 · 7 天内到期"; "" when there are none. */
export function describeFlagFilters(query: FlagsQuery, locale: Locale): string {
  const en = locale === "en";
  const parts: string[] = [];
  if (query.unit) parts.push(query.unit);
  if (query.code) parts.push(en ? FLAG_NAMES[query.code as FlagCode].en : FLAG_NAMES[query.code as FlagCode].zh);
  if (query.severity) parts.push(en ? `${SEVERITY_NAMES[query.severity as FlagSeverity].en} severity` : `${SEVERITY_NAMES[query.severity as FlagSeverity].zh}级`);
  if (query.dueWithinDays !== undefined) parts.push(en ? `due within ${query.dueWithinDays} days` : `${query.dueWithinDays} 天内到期`);
  return parts.join(" · ");
}

/** Picker options: value and label, "all" first. */
export function codeOptions(locale: Locale): { value: string; label: string }[] {
  const en = locale === "en";
  return [{ value: "", label: en ? "All flags" : "全部预警" }, ...FLAG_CODES.map((c) => ({ value: c, label: en ? FLAG_NAMES[c].en : FLAG_NAMES[c].zh }))];
}

export function severityOptions(locale: Locale): { value: string; label: string }[] {
  const en = locale === "en";
  return [{ value: "", label: en ? "All severities" : "全部级别" }, ...FLAG_SEVERITIES.map((s) => ({ value: s, label: en ? SEVERITY_NAMES[s].en : SEVERITY_NAMES[s].zh }))];
}
