import { describe, expect, it } from "vitest";
import { CaseRowSchema } from "../../ledger/schema.ts";
import { validateLedger, validateRecords } from "../../ledger/validate.ts";
import { CELL_CASES, VALID_CELLS } from "../corpus/cell-cases.ts";

const OPTIONS = { today: "2026-11-25", defaultUnit: "山腰街道" };

describe("ledger/ reads every cell of the bad-input corpus as a clear issue or a clean value", () => {
  for (const k of CELL_CASES) {
    const e = k.expect;
    const what = "issues" in e ? `refuses the row with ${e.issues.join(", ")}` : "reads it cleanly";
    const run = () => validateRecords([{ row: 2, values: { ...VALID_CELLS, ...k.cells } }], OPTIONS)[0];
    it(`${k.name}: ${what}`, () => {
      const r = run();
      if ("issues" in e) {
        expect(r.case).toBeNull();
        expect(r.issues.map((i) => i.code)).toEqual(e.issues);
        for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
      } else {
        expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
        expect(r.case).toMatchObject(e.reads);
        // What ledger/ accepts is what the Worker stores: it must fit the stored schema.
        expect(CaseRowSchema.safeParse(r.case).success).toBe(true);
      }
    });
  }

  it("reads a sheet 10,000 columns wide and 1,000 rows deep without a wrong header or a throw", () => {
    const header = ["案件编号", "收案日期", "申请人", "被申请人", "是否受理", "调解员", "调解状态", ...Array.from({ length: 9_993 }, (_, i) => `列${i}`)];
    const grid: unknown[][] = [header];
    for (let r = 0; r < 1000; r++) {
      const line: unknown[] = new Array(10_000).fill(null);
      line.splice(0, 7, `SY-${r}`, "2026-05-26", "张三", "区人社局", "是", "李四", "调解中");
      grid.push(line);
    }
    const t = performance.now();
    const res = validateLedger(grid, OPTIONS);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(res?.dataRows).toBe(1000);
    expect(res?.header.columns).toMatchObject({ caseNo: 0, receivedOn: 1, applicant: 2 });
  });
});
