/**
 * Bad-input corpus for ledger/ (validateRecords, what the add-in, the CLI and the Worker all run): each case is one
 * row's cells and either the issues it must raise (the row is refused) or the clean reading it must give.
 * Runs in test/ledger/corpus.test.ts.
 */

export interface CellCase {
  name: string;
  cells: Record<string, unknown>;
  expect: { issues: string[] } | { reads: Record<string, unknown> };
}

export const VALID_CELLS: Record<string, unknown> = {
  caseNo: "SY-001", receivedOn: "2026-05-26", source: "当事人申请", domain: "劳动争议", stage: "诉前", mediationType: "行政调解",
  applicant: "张三", respondent: "区人社局", accepted: "是", mediator: "李四", status: "调解中", summary: "拖欠工资",
};

export const CELL_CASES: CellCase[] = [
  { name: "SQL metacharacters", cells: { caseNo: "SY-1'; DROP TABLE cases;--", applicant: "O'Brien\"; --" }, expect: { reads: { caseNo: "SY-1'; DROP TABLE cases;--", applicant: "O'Brien\"; --" } } },
  { name: "=HYPERLINK formula text", cells: { applicant: '=HYPERLINK("http://evil.example","x")' }, expect: { reads: { applicant: '=HYPERLINK("http://evil.example","x")' } } },
  { name: "@SUM and +cmd formula text", cells: { summary: "@SUM(A1:A9)", respondent: "+cmd|' /C calc'!A0" }, expect: { reads: { summary: "@SUM(A1:A9)", respondent: "+cmd|' /C calc'!A0" } } },
  { name: "control characters", cells: { applicant: "张\u0000三\u0007", summary: "a\r\nb\tc" }, expect: { reads: { applicant: "张三", summary: "a b c" } } },
  { name: "zero-width characters", cells: { caseNo: "\uFEFFSY-\u200B001\u2060" }, expect: { reads: { caseNo: "SY-001" } } },
  { name: "emoji and astral characters", cells: { applicant: "😀张三🙏", respondent: "𠮷野家" }, expect: { reads: { applicant: "😀张三🙏", respondent: "𠮷野家" } } },
  { name: "full-width digits and ideographic spaces", cells: { caseNo: "ＳＹ－００１", applicant: "\u3000张三\u3000" }, expect: { reads: { caseNo: "SY-001", applicant: "张三" } } },
  { name: "a 100,000-character summary", cells: { summary: "长".repeat(100_000) }, expect: { issues: ["too_long"] } },
  { name: "right-to-left override in a case number", cells: { caseNo: "SY-\u202E001" }, expect: { reads: { caseNo: "SY-001" } } },
  { name: "an object where a date belongs", cells: { receivedOn: { evil: true } }, expect: { issues: ["invalid_date"] } },
  { name: "a huge number as a date", cells: { receivedOn: 1e308 }, expect: { issues: ["invalid_date"] } },
  { name: "Infinity as an amount", cells: { amount: Infinity }, expect: { issues: ["invalid_number"] } },
  { name: "NaN as a party count", cells: { partyCount: Number.NaN }, expect: { issues: ["invalid_number"] } },
  { name: "a number as an ID (digits lost by Excel)", cells: { applicantId: 350505199001011234 }, expect: { issues: ["invalid_id"] } },
  { name: "a formula string as a phone number (a warning; the phone is not stored)", cells: { phone: "+cmd|' /C calc'!A0" }, expect: { reads: { phone: null } } },
  { name: "an array as a choice (read as its text)", cells: { accepted: ["是"] }, expect: { reads: { accepted: true } } },
  { name: "an object as a choice", cells: { accepted: { v: "是" } }, expect: { issues: ["invalid_choice"] } },
  { name: "missing required cells", cells: { caseNo: null, applicant: undefined }, expect: { issues: ["required", "required"] } },
];
