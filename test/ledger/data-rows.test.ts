import { describe, expect, it } from "vitest";
import { classifyRow, dataRowIndexes } from "../../ledger/data-rows.ts";
import { detectHeader } from "../../ledger/header.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS } from "../fixtures/ledger-layout.ts";

describe("telling case rows from the rest", () => {
  it("keeps every case and skips blank rows, the 合计 row and the notes at the bottom", () => {
    const rows = generateCases({ seed: 9, count: 23, unit: "南埔镇" });
    const laid = layOut(rows, {
      title: "南埔镇台账", columns: STANDARD_COLUMNS, blankEvery: 5, totalRow: true,
      notes: ["填表说明：1.日期填写年月日；2.是否受理填“是”或“否”。", "填报人：林晓燕　　审核人：陈建国"],
    });
    const h = detectHeader(laid.grid)!;
    expect(dataRowIndexes(laid.grid, h).map((r) => r + 1)).toEqual(laid.caseRows);
  });

  it("skips template rows that only carry a pre-filled 序号", () => {
    expect(classifyRow([7, null, null, ""], [1, 2, 3])).toBe("blank");
  });

  it("keeps a row that has only a case number: the clerk must hear what is missing, not lose it", () => {
    expect(classifyRow([null, "NP-1", null], [1, 2])).toBe("data");
  });

  it("treats a long single merged text as a note, but a short one as a case", () => {
    const note = "本台账按月报送区调解中心，案件编号不得重复，结案后五个工作日内更新办理状态和结案日期。";
    expect(classifyRow([note, note, note], [0, 1, 2])).toBe("footer");
    expect(classifyRow(["王伟", "王伟", "王伟"], [0, 1, 2])).toBe("data");
    expect(classifyRow(["合 计", "30件"], [0, 1])).toBe("total");
    expect(classifyRow(["注：带*为必填项"], [0, 1])).toBe("footer");
  });

  it("keeps a row whose one long text is a code or longer than any note, so validation can report it", () => {
    expect(classifyRow([null, "A".repeat(100_000), null], [1, 2])).toBe("data");
    expect(classifyRow(["长".repeat(100_000)], [0, 1])).toBe("data");
    expect(classifyRow(["SY-2026-000000000000000000000000000001"], [0, 1])).toBe("data");
  });
});
