import type { SkippedRows } from "./data-rows.ts";
import type { IssueCode } from "./issue-codes.ts";
import type { NoSuchDay } from "./normalise/result.ts";

export type Locale = "zh-CN" | "en";

/** What a message may mention. Detection fills these; wording lives only here. */
export interface IssueParams {
  /** The column's name as the clerk's ledger writes it. */
  header: string;
  /** The clerk's text, quoted back so they can find it. */
  value?: string;
  allowed?: readonly string[];
  /** Another column the rule compares with (date order, reject reason …). */
  other?: string;
  /** The earlier row with the same case number; absent when it came in an earlier chunk of the same push. */
  firstRow?: number;
  today?: string;
  /** For ID numbers that Excel turned into a number. */
  numeric?: boolean;
  /** For too_long: the cell's length and the most it may hold. */
  length?: number;
  max?: number;
  /** For invalid_date of a well-written day the calendar does not have (2026年2月30日). */
  noSuchDay?: NoSuchDay;
}

type Wording = (p: IssueParams) => string;

const q = (v: string | undefined) => `“${v ?? ""}”`;
const qe = (v: string | undefined) => `"${v ?? ""}"`;
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const list = (a: readonly string[] | undefined, sep: string) => (a ?? []).join(sep);

const ZH: Record<IssueCode, Wording> = {
  required: (p) => `「${p.header}」不能为空，请填写。`,
  invalid_date: (p) =>
    p.noSuchDay
      ? `「${p.header}」${q(p.value)}这一天不存在：${p.noSuchDay.year}年${p.noSuchDay.month}月只有${p.noSuchDay.days}天，请核对日期。`
      : `「${p.header}」${q(p.value)}不是可识别的日期，请写成 2026-05-26、2026年5月26日 或 2026.5.26。`,
  future_date: (p) => `「${p.header}」${q(p.value)}晚于今天（${p.today}），请核对年份和月份。`,
  date_order: (p) => `「${p.header}」${q(p.value)}早于「${p.other}」，请核对两个日期。`,
  invalid_choice: (p) => `「${p.header}」${q(p.value)}不是规定的选项，请从以下选择：${list(p.allowed, "、")}。`,
  invalid_id: (p) =>
    p.numeric
      ? `「${p.header}」被 Excel 存成了数字，末几位已丢失。请把该列设为“文本”格式后重新录入证件号码。`
      : `「${p.header}」${q(p.value)}不是有效的18位身份证号或统一社会信用代码（位数或校验位不对），请核对。`,
  invalid_phone: (p) => `「${p.header}」${q(p.value)}不像手机号（11位，1开头）或带区号的固话（如 0595-87123456），请核对。`,
  invalid_number: (p) => `「${p.header}」${q(p.value)}不是有效的数值，请填写不小于0的数字（可写“3.5万”）。`,
  duplicate_case_no: (p) => `「${p.header}」${q(p.value)}与${p.firstRow === undefined ? "本次推送的前一块" : `第${p.firstRow}行`}重复，同一单位的案件编号不能重复，请修改其中一个。`,
  reject_reason_missing: (p) => `案件未受理，但「${p.header}」为空，请填写不予受理的理由。`,
  close_date_missing: (p) => `「${p.other}」为${q(p.value)}，已办结，请填写「${p.header}」。`,
  close_date_unexpected: (p) => `案件仍在调解中，却填了「${p.header}」${q(p.value)}；如已结案请更新「${p.other}」，否则删除结案日期。`,
  commitment_due_missing: (p) => `填写了「${p.other}」但「${p.header}」为空，请填写承诺兑现期限。`,
  unknown_mediator: (p) => `「${p.header}」${q(p.value)}不在调解员名册中，请核对姓名或先把此人加入名册。`,
  unknown_unit: (p) => `「${p.header}」${q(p.value)}不是已登记的单位，请从以下选择：${list(p.allowed, "、")}。`,
  too_long: (p) => `「${p.header}」有 ${p.length} 个字，超过上限 ${p.max} 字，请精简（详细材料可另行存档）。`,
  transferred: (p) =>
    `「${p.header}」${q(p.value)}已于 ${p.today ?? ""} 转交${p.other ?? ""}办理，本台账不能再修改该案件；本行未保存。如需更正，请联系${p.other ?? ""}或协调员。`,
};

const EN: Record<IssueCode, Wording> = {
  required: (p) => `"${p.header}" is empty; please fill it in.`,
  invalid_date: (p) =>
    p.noSuchDay
      ? `"${p.header}" ${qe(p.value)} is not a day on the calendar: ${MONTHS_EN[p.noSuchDay.month - 1]} ${p.noSuchDay.year} has ${p.noSuchDay.days} days; check the date.`
      : `"${p.header}" ${qe(p.value)} is not a date we can read; write it as 2026-05-26, 2026年5月26日 or 2026.5.26.`,
  future_date: (p) => `"${p.header}" ${qe(p.value)} is after today (${p.today}); check the year and month.`,
  date_order: (p) => `"${p.header}" ${qe(p.value)} is earlier than "${p.other}"; check both dates.`,
  invalid_choice: (p) => `"${p.header}" ${qe(p.value)} is not an allowed value; choose one of: ${list(p.allowed, ", ")}.`,
  invalid_id: (p) =>
    p.numeric
      ? `"${p.header}" was stored by Excel as a number and its last digits are lost. Format the column as Text and enter the ID again.`
      : `"${p.header}" ${qe(p.value)} is not a valid 18-character resident ID or unified social credit code (length or check character is wrong).`,
  invalid_phone: (p) => `"${p.header}" ${qe(p.value)} is neither a mobile number (11 digits starting with 1) nor a landline with area code (e.g. 0595-87123456).`,
  invalid_number: (p) => `"${p.header}" ${qe(p.value)} is not a valid number; enter a number of at least 0 ("3.5万" is fine).`,
  duplicate_case_no: (p) => `"${p.header}" ${qe(p.value)} repeats ${p.firstRow === undefined ? "an earlier chunk of this push" : `row ${p.firstRow}`}; case numbers must be unique within a unit. Change one of them.`,
  reject_reason_missing: (p) => `The case was not accepted but "${p.header}" is empty; give the reason.`,
  close_date_missing: (p) => `"${p.other}" is ${qe(p.value)}, so the case is closed; fill in "${p.header}".`,
  close_date_unexpected: (p) => `The case is still in mediation but "${p.header}" is ${qe(p.value)}; update "${p.other}" if it is closed, otherwise clear the date.`,
  commitment_due_missing: (p) => `"${p.other}" is filled in but "${p.header}" is empty; give the date the commitment is due.`,
  unknown_mediator: (p) => `"${p.header}" ${qe(p.value)} is not in the mediator roster; check the name or add the person to the roster.`,
  unknown_unit: (p) => `"${p.header}" ${qe(p.value)} is not a configured unit; choose one of: ${list(p.allowed, ", ")}.`,
  too_long: (p) => `"${p.header}" holds ${p.length} characters, more than the ${p.max} allowed; shorten it (keep long material in the case file).`,
  transferred: (p) =>
    `"${p.header}" ${qe(p.value)} was transferred to ${p.other ?? ""} on ${p.today ?? ""}; this ledger can no longer change it, so the row was not saved. For a correction, contact ${p.other ?? ""} or the coordinator.`,
};

export function issueMessage(code: IssueCode, params: IssueParams, locale: Locale = "zh-CN"): string {
  return (locale === "en" ? EN : ZH)[code](params);
}

/** "zh-CN", "zh", "en-US", "en-GB", "en_US.UTF-8" (LANG) … → the locale we have words for (Chinese unless English). */
export function pickLocale(language: string | null | undefined): Locale {
  return language && /^en(?![a-z])/i.test(language) ? "en" : "zh-CN";
}

/** Rows named one by one below the table's end; past this many, "and N more". */
const BELOW_NAMED = 5;

/**
 * What the clerk hears of the rows under the header that were not read as cases (ledger/data-rows.ts): how many of
 * each kind, and, when the table ended above rows that hold something, which rows and how to get them read. null when
 * every row under the header was a case or blank.
 */
export function skippedRowsMessage(s: SkippedRows, locale: Locale = "zh-CN"): string | null {
  const n = s.heading.length + s.header.length + s.total.length + s.note.length;
  if (n === 0 && s.below.length === 0) return null;
  const en = locale === "en";
  const kinds: [number, string, string, string][] = [
    [s.heading.length, "标题", "heading", "headings"],
    [s.header.length, "重复的表头", "repeated header row", "repeated header rows"],
    [s.total.length, "小计/合计", "subtotal/total row", "subtotal/total rows"],
    [s.note.length, "说明和签名", "note or signature line", "notes and signature lines"],
  ];
  const parts = kinds.filter(([k]) => k > 0).map(([k, zh, one, many]) => (en ? `${k} ${k === 1 ? one : many}` : `${zh} ${k} 行`));
  let out = n === 0 ? "" : en ? `${n} ${n === 1 ? "row is not a case and was" : "rows are not cases and were"} skipped: ${parts.join(", ")}.` : `另有 ${n} 行不是案件，已跳过：${parts.join("、")}。`;
  if (s.below.length > 0 && s.end !== null) {
    const named = s.below.slice(0, BELOW_NAMED);
    const more = s.below.length - named.length;
    if (en) {
      const rows = `${named.length === 1 && more === 0 ? "row" : "rows"} ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
      const one = s.below.length === 1;
      out += `${out ? " " : ""}The table ends at row ${s.end}; ${rows} below it ${one ? "was" : "were"} not read as ${one ? "a case" : "cases"}; if ${one ? "it is one, move it" : "any is a case, move it"} above row ${s.end}.`;
    } else {
      out += `表格在第 ${s.end} 行结束，其下第 ${named.join("、")} 行${more > 0 ? `等 ${s.below.length} 行` : ""}有内容，未作为案件读取；如是案件，请移到第 ${s.end} 行之上。`;
    }
  }
  return out;
}
