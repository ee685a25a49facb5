import type { CaseRow } from "../../../ledger/schema.ts";
import type { FlagCase } from "../../../worker/assessment/flags/case-rules.ts";

let seq = 0;

/** A complete, valid case row; override what the test is about. */
export function caseRow(over: Partial<CaseRow> = {}): CaseRow {
  seq++;
  return {
    caseNo: `T-${seq}`,
    receivedOn: "2026-05-01",
    unit: "山腰街道",
    source: "当事人申请",
    domain: "征地拆迁",
    stage: "诉前",
    mediationType: "人民调解",
    applicant: `申请人${seq}`,
    applicantId: null,
    phone: null,
    respondent: "区自然资源局",
    summary: null,
    accepted: true,
    rejectReason: null,
    mediator: "张三",
    status: "调解中",
    closedOn: null,
    amount: null,
    judicialConfirmation: null,
    commitment: null,
    commitmentDue: null,
    commitmentMetOn: null,
    complexity: "普通",
    partyCount: 1,
    notes: null,
    place: null,
    ...over,
  };
}

export function flagCase(over: Partial<CaseRow & Pick<FlagCase, "hasMentor" | "lastChangedOn">> = {}): FlagCase {
  const { hasMentor = false, lastChangedOn = null, ...row } = over;
  return { ...caseRow(row), hasMentor, lastChangedOn };
}
