import { COMPLEXITIES, DOMAINS, MEDIATION_TYPES, SOURCES, STAGES, STATUSES } from "./choices.ts";

/** How a column's cells are read. */
export type ColumnType = "text" | "date" | "choice" | "yesno" | "amount" | "count" | "partyId" | "phone";

export interface ColumnSpec {
  key: ColumnKey;
  /** The usual header, also the name shown to clerks. */
  header: string;
  /** English name for en-US messages. */
  headerEn: string;
  /** Other headers seen in real ledgers (DOMAIN §2). */
  synonyms: readonly string[];
  type: ColumnType;
  /** Always required; conditional rules (e.g. mediator when accepted) live in validation. */
  required: boolean;
  choices?: readonly string[];
  /**
   * The party this column is a detail of. Under a two-level header a group naming that party (申请人, 当事人) holds
   * it; under a group naming another party (被申请人 → 电话) the same sub-heading is that party's detail, which the
   * ledger does not keep, so it is left unmapped.
   */
  party?: ColumnKey;
}

/**
 * A place is an address, not a document: long enough for "某镇某村某组某号" written out in full. Here rather than in
 * schema.ts so that validating a sheet (the pane's first page) does not pull in zod.
 */
export const MAX_PLACE = 200;

export const COLUMN_KEYS = [
  "caseNo", "receivedOn", "unit", "source", "domain", "stage", "mediationType", "applicant", "applicantId",
  "phone", "respondent", "summary", "accepted", "rejectReason", "mediator", "status", "closedOn", "amount",
  "judicialConfirmation", "commitment", "commitmentDue", "commitmentMetOn", "complexity", "partyCount", "notes",
  // Added after the first ledgers were stored: last, so every earlier column keeps its position (validate.ts's case
  // object, the canonical JSON), and left out of the canonical JSON when empty (worker/push/content-hash.ts).
  "place",
] as const;

export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The case ledger's canonical columns: the one place that says what each column is called and holds. */
export const COLUMNS: readonly ColumnSpec[] = [
  { key: "caseNo", header: "案件编号", headerEn: "Case no.", synonyms: ["编号", "案号", "登记编号", "收案编号", "案件编码", "调解编号"], type: "text", required: true },
  { key: "receivedOn", header: "收案日期", headerEn: "Date received", synonyms: ["登记日期", "申请日期", "收案时间", "受理日期", "登记时间"], type: "date", required: true },
  { key: "unit", header: "承办单位", headerEn: "Unit", synonyms: ["所属镇（街道）", "所属镇街", "责任单位", "镇街", "办理单位", "所属单位"], type: "text", required: false },
  { key: "source", header: "案件来源", headerEn: "Source", synonyms: ["来源"], type: "choice", required: false, choices: SOURCES },
  { key: "domain", header: "纠纷领域", headerEn: "Domain", synonyms: ["纠纷类型", "争议类型", "案件类别", "领域", "纠纷类别"], type: "choice", required: false, choices: DOMAINS },
  { key: "stage", header: "所处阶段", headerEn: "Stage", synonyms: ["阶段", "诉讼阶段", "调解阶段"], type: "choice", required: false, choices: STAGES },
  { key: "mediationType", header: "调解类型", headerEn: "Mediation type", synonyms: ["调解方式", "调解种类"], type: "choice", required: false, choices: MEDIATION_TYPES },
  { key: "applicant", header: "申请人", headerEn: "Applicant", synonyms: ["当事人", "申请人姓名", "申请人名称"], type: "text", required: true },
  { key: "applicantId", header: "证件号码", headerEn: "ID number", synonyms: ["身份证号", "身份证号码", "统一社会信用代码", "申请人证件号码", "申请人身份证号", "证件号"], type: "partyId", required: false, party: "applicant" },
  { key: "phone", header: "联系电话", headerEn: "Phone", synonyms: ["电话", "手机", "手机号码", "联系方式", "申请人联系电话"], type: "phone", required: false, party: "applicant" },
  { key: "respondent", header: "被申请行政机关", headerEn: "Respondent agency", synonyms: ["被申请人", "行政机关", "涉诉行政机关", "被申请单位"], type: "text", required: true },
  { key: "summary", header: "争议概要", headerEn: "Summary", synonyms: ["简要案情", "纠纷简要情况", "案情摘要", "争议事项", "案情简介"], type: "text", required: false },
  { key: "accepted", header: "是否受理", headerEn: "Accepted", synonyms: ["受理情况"], type: "yesno", required: true },
  { key: "rejectReason", header: "不予受理理由", headerEn: "Reason not accepted", synonyms: ["未受理原因", "不受理原因", "不予受理原因"], type: "text", required: false },
  { key: "mediator", header: "调解员", headerEn: "Mediator", synonyms: ["承办人", "主办调解员", "调解人员"], type: "text", required: false },
  { key: "status", header: "办理状态", headerEn: "Status", synonyms: ["调解结果", "结案情况", "状态", "办理结果"], type: "choice", required: false, choices: STATUSES },
  { key: "closedOn", header: "结案日期", headerEn: "Date closed", synonyms: ["办结日期", "结案时间", "办结时间"], type: "date", required: false },
  { key: "amount", header: "协议金额（元）", headerEn: "Agreed amount (RMB)", synonyms: ["协议金额", "涉及金额", "标的额", "涉案金额"], type: "amount", required: false },
  { key: "judicialConfirmation", header: "是否司法确认", headerEn: "Judicial confirmation", synonyms: ["司法确认"], type: "yesno", required: false },
  { key: "commitment", header: "承诺事项", headerEn: "Commitment", synonyms: ["行政机关承诺", "承诺内容"], type: "text", required: false },
  { key: "commitmentDue", header: "承诺兑现期限", headerEn: "Commitment due", synonyms: ["兑现期限"], type: "date", required: false },
  { key: "commitmentMetOn", header: "承诺兑现日期", headerEn: "Commitment met on", synonyms: ["兑现日期"], type: "date", required: false },
  { key: "complexity", header: "难易程度", headerEn: "Complexity", synonyms: ["案件难度", "疑难程度"], type: "choice", required: false, choices: COMPLEXITIES },
  { key: "partyCount", header: "涉及人数", headerEn: "Parties", synonyms: ["人数", "涉及人员数"], type: "count", required: false },
  { key: "notes", header: "备注", headerEn: "Notes", synonyms: ["说明"], type: "text", required: false },
  // Where the dispute happened, as free text ("涂岭镇樟脚村3组"): routing (分流, ledger/routing/) finds the town in it.
  { key: "place", header: "纠纷发生地", headerEn: "Place", synonyms: ["发生地点", "地点", "地址", "住址", "所在村（社区）", "纠纷发生地点", "发生地"], type: "text", required: false,
    // 申请人 → 住址 is where the applicant lives, near enough to where the dispute is; 被申请人 → 地址 is the agency's office.
    party: "applicant" },
];

export const COLUMN_BY_KEY: Readonly<Record<ColumnKey, ColumnSpec>> = Object.fromEntries(
  COLUMNS.map((c) => [c.key, c]),
) as Record<ColumnKey, ColumnSpec>;

/** 0-based column index → Excel column letters ("A", "Z", "AA"). */
/** A column's catalogue name in the user's language. */
export function columnName(key: ColumnKey, locale: string | undefined): string {
  return locale === "en" ? COLUMN_BY_KEY[key].headerEn : COLUMN_BY_KEY[key].header;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel column letters → 0-based index; -1 when the text is not a column name. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
