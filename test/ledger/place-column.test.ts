import { describe, expect, it } from "vitest";
import { COLUMN_BY_KEY } from "../../ledger/columns.ts";
import { CaseRowSchema, type CaseRow } from "../../ledger/schema.ts";
import { validateLedger, validateRecords } from "../../ledger/validate.ts";
import { canonicalJson, contentHash, storedCase } from "../../worker/push/content-hash.ts";

const TODAY = "2026-11-25";
const HEAD = ["案件编号", "收案日期", "承办单位", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态"];
const ROW = ["TL-001", "2026.5.6", "区调解中心", "王伟", "区人社局", "是", "陈美华", "调解中"];

function placeOf(header: string, value: unknown): unknown {
  const r = validateLedger([[...HEAD, header], [...ROW, value]], { today: TODAY })!;
  expect(r.issues).toEqual([]);
  return r.rows[0].case?.place;
}

describe("the place column (纠纷发生地)", () => {
  it.each(["纠纷发生地", ...COLUMN_BY_KEY.place.synonyms])("reads a ledger whose place column is headed %s", (header) => {
    expect(placeOf(header, "涂岭镇樟脚村3组")).toBe("涂岭镇樟脚村3组");
  });

  it("cleans the place like any text cell and leaves an empty place null, which the schema accepts", () => {
    expect(placeOf("纠纷发生地", " 涂岭镇\u3000樟脚村\n３组 ")).toBe("涂岭镇 樟脚村 3组");
    const r = validateLedger([[...HEAD, "纠纷发生地"], [...ROW, ""]], { today: TODAY })!;
    expect(r.rows[0].case?.place).toBeNull();
    expect(CaseRowSchema.safeParse(r.rows[0].case).success).toBe(true);
  });

  it("takes the applicant's address under 申请人 as the place, but not the agency's under 被申请人", () => {
    const top = ["案件编号", "收案日期", "申请人", "申请人", "被申请人", "被申请人", "是否受理", "调解员", "办理状态"];
    const sub = ["案件编号", "收案日期", "姓名", "住址", "名称", "地址", "是否受理", "调解员", "办理状态"];
    const r = validateLedger([top, sub, ["TL-1", "2026.5.6", "王伟", "樟脚村", "区人社局", "区行政服务中心", "是", "陈美华", "调解中"]], {
      today: TODAY, defaultUnit: "区调解中心",
    })!;
    expect(r.header.columns.place).toBe(3);
    expect(r.rows[0].case?.place).toBe("樟脚村");
  });

  it("refuses a place longer than 200 characters as too_long, on its own row", () => {
    const base = { caseNo: "TL-1", receivedOn: "2026-05-06", unit: "区调解中心", applicant: "王伟", respondent: "区人社局", accepted: "是", mediator: "陈美华", status: "调解中" };
    const [long, fits] = validateRecords([
      { row: 2, values: { ...base, place: "村".repeat(201) } },
      { row: 3, values: { ...base, caseNo: "TL-2", place: "村".repeat(200) } },
    ], { today: TODAY });
    expect(long.issues.map((i) => [i.key, i.code])).toEqual([["place", "too_long"]]);
    expect(fits.issues).toEqual([]);
  });

  it("reads a stored case from before the column existed as having no place", () => {
    const stored = { ...caseRow(), place: undefined };
    delete stored.place;
    expect(CaseRowSchema.parse(stored).place).toBeNull();
  });
});

/** The canonical columns as they were before the place column, in their order then. */
const KEYS_BEFORE_PLACE = [
  "caseNo", "receivedOn", "unit", "source", "domain", "stage", "mediationType", "applicant", "applicantId",
  "phone", "respondent", "summary", "accepted", "rejectReason", "mediator", "status", "closedOn", "amount",
  "judicialConfirmation", "commitment", "commitmentDue", "commitmentMetOn", "complexity", "partyCount", "notes",
] as const;

function caseRow(place: string | null = null): CaseRow {
  const r = validateRecords([{ row: 2, values: {
    caseNo: "TL-1", receivedOn: "2026-05-06", unit: "区调解中心", domain: "劳动争议", applicant: "王伟", respondent: "区人社局",
    accepted: "是", mediator: "陈美华", status: "调解成功", closedOn: "2026-05-20", amount: "3.5万", place,
  } }], { today: TODAY })[0];
  return r.case!;
}

describe("the content hash of a case with and without a place", () => {
  it("keeps the canonical text and hash a case without a place had before the column existed, so re-pushing writes nothing", () => {
    const row = caseRow();
    const before = JSON.stringify(Object.fromEntries(KEYS_BEFORE_PLACE.map((k) => [k, row[k] ?? null])));
    expect(canonicalJson(row)).toBe(before);
    expect(contentHash(canonicalJson(row))).toBe(contentHash(before));
  });

  it("changes the hash of a case once it has a place, and reads the stored text back to the same case", () => {
    const without = caseRow();
    const placed = caseRow("涂岭镇樟脚村3组");
    expect(canonicalJson(placed)).toContain(`"place":"涂岭镇樟脚村3组"`);
    expect(contentHash(canonicalJson(placed))).not.toBe(contentHash(canonicalJson(without)));
    expect(storedCase(canonicalJson(placed))).toEqual(placed);
    expect(storedCase(canonicalJson(without))).toEqual(without);
  });
});
