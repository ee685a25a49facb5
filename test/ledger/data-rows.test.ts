import { describe, expect, it } from "vitest";
import { classifyRow, dataRowIndexes, rowContext, tableRows } from "../../ledger/data-rows.ts";
import { detectHeader } from "../../ledger/header.ts";
import type { MergedArea } from "../../ledger/merged-areas.ts";
import { skippedRowsMessage } from "../../ledger/messages.ts";
import { validateLedger } from "../../ledger/validate.ts";
import { blocksLedger } from "../fixtures/blocks-ledger.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS, type LaidOut } from "../fixtures/ledger-layout.ts";

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

/** A laid-out sheet as both readers give it to ledger/: each merged area filled with its top-left value, and the areas. */
function asRead(laid: LaidOut): { grid: unknown[][]; merges: MergedArea[] } {
  const grid = laid.grid.map((row) => [...row]);
  const merges = laid.merges.map((m) => ({ top: m.row, left: m.from, bottom: m.row + (m.rows ?? 1) - 1, right: m.to }));
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) grid[r][c] = grid[m.top][m.left];
  }
  return { grid, merges };
}

const excelRows = (indexes: readonly number[]) => indexes.map((r) => r + 1);

describe("a ledger kept in blocks", () => {
  const laid = blocksLedger();
  const header = detectHeader(laid.grid)!;

  it("is read as one table: every case, and each heading, repeated header, 小计/合计 and note as what it is", () => {
    const { grid, merges } = asRead(laid);
    const t = tableRows(grid, header, merges);
    expect(excelRows(t.data)).toEqual(laid.caseRows);
    expect(t.skipped).toEqual({ ...laid.notCases, below: [], end: laid.notCases!.note[0] });
    // The layout really has them: ten monthly blocks, the header again over nine of them.
    expect(laid.notCases!.heading.length).toBeGreaterThanOrEqual(8);
    expect(laid.notCases!.header.length).toBe(laid.notCases!.heading.length - 1);
  });

  it("is read the same from the cells alone, as a pane without ExcelApi 1.13 sees it: headings by their words", () => {
    const t = tableRows(laid.grid, header);
    expect(excelRows(t.data)).toEqual(laid.caseRows);
    expect(t.skipped).toEqual({ ...laid.notCases, below: [], end: laid.notCases!.note[0] });
  });

  it("validates with no errors, the issues of a planted mistake at its real Excel row", () => {
    const { grid, merges } = asRead(laid);
    const clean = validateLedger(grid, { header, merges, today: "2026-11-25" })!;
    expect(clean.issues).toEqual([]);
    expect(clean.dataRows).toBe(laid.caseRows.length);
    expect(clean.rows.map((r) => r.row)).toEqual(laid.caseRows);
    const late = laid.caseRows[laid.caseRows.length - 3];
    grid[late - 1][2] = "2026.13.45";
    const one = validateLedger(grid, { header, merges, today: "2026-11-25" })!;
    expect(one.issues.map((i) => [i.row, i.column, i.code])).toEqual([[late, "C", "invalid_date"]]);
  });
});

describe("rows merged across the data columns", () => {
  const HEAD = ["序号", "案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "结案日期", "备注"];
  const CASE = [1, "TL-1", "2026-05-06", "王伟", "区人社局", "是", "陈美华", "调解中", null, null];
  const header = detectHeader([HEAD])!;
  const row = (text: string) => new Array(HEAD.length).fill(text);

  it("make a heading of whatever the row says; the same row without the merged area stays a case, to be reported", () => {
    const grid = [HEAD, row("涂岭镇"), CASE];
    expect(excelRows(tableRows(grid, header, [{ top: 1, left: 0, bottom: 1, right: 9 }]).data)).toEqual([3]);
    expect(tableRows(grid, header, [{ top: 1, left: 0, bottom: 1, right: 9 }]).skipped.heading).toEqual([2]);
    const unmerged = validateLedger(grid, { header, today: "2026-11-25", defaultUnit: "涂岭镇" })!;
    expect(unmerged.rows.map((r) => [r.row, r.ok])).toEqual([[2, false], [3, true]]);
  });

  it("make a heading of a text merged over the first columns only, when nothing else is on the row", () => {
    const grid = [HEAD, ["劳动争议类", "劳动争议类", "劳动争议类", null, null, null, null, null, null, null], CASE];
    expect(tableRows(grid, header, [{ top: 1, left: 0, bottom: 1, right: 2 }]).skipped.heading).toEqual([2]);
  });

  it("leave a case a case when its own cells are merged: a note across the columns right of its number, a unit merged down", () => {
    const note = "不予受理：不属于行政争议调解受理范围，已告知申请人";
    const rejected = [2, "TL-2", "2026-05-07", note, note, note, note, note, note, note];
    const grid = [HEAD, CASE, rejected, [3, "TL-3", "2026-05-08", "李娜", "区人社局", "是", "陈美华", "调解中", null, null]];
    const merges = [{ top: 2, left: 3, bottom: 2, right: 9 }, { top: 1, left: 4, bottom: 3, right: 4 }];
    expect(excelRows(tableRows(grid, header, merges).data)).toEqual([2, 3, 4]);
  });

  it("count only with a value: an empty merged area across a row that has a case leaves it a case", () => {
    const grid = [HEAD, [1, "TL-1", "2026-05-06", "王伟", null, null, null, null, null, null]];
    expect(excelRows(tableRows(grid, header, [{ top: 1, left: 4, bottom: 1, right: 9 }]).data)).toEqual([2]);
    expect(excelRows(tableRows([HEAD, [null, ...CASE.slice(1)]], header, [{ top: 1, left: 0, bottom: 1, right: 0 }]).data)).toEqual([2]);
  });
});

describe("what else sits among the cases", () => {
  const HEAD = ["序号", "案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理"];
  const header = detectHeader([HEAD])!;
  const mapped = [1, 2, 3, 4, 5];
  const ctx = rowContext(header);

  it("tells 小计, 合计 and their like from cases, however they are written", () => {
    for (const text of ["小计", "小 计", "一月份小计", "3月合计", "第二季度小计", "本月合计", "本页小计", "总计", "累计", "（小计）"]) {
      expect(classifyRow([text, "5件", null, null, null, null], mapped, ctx), text).toBe("total");
    }
  });

  it("tells a heading by its words when it is the row's only value, and nothing that starts a case", () => {
    for (const text of ["一月份", "十二月份", "3月", "2026年3月", "第二季度", "二季度", "二〇二六年上半年", "2026年度", "一、劳动争议", "（二）征地拆迁类"]) {
      expect(classifyRow([text, null, null, null, null, null], mapped, ctx), text).toBe("heading");
      expect(classifyRow([null, text, text, text, text, text], mapped, ctx), text).toBe("heading");
    }
    for (const text of ["HL-2026-001", "王伟", "三月份的案件"]) expect(classifyRow([null, text, null, null, null, null], mapped, ctx), text).toBe("data");
    expect(classifyRow([1, "一月份", "2026-01-05", "王伟", null, null], mapped, ctx)).toBe("data");
  });

  it("skips the header printed again, one row or two, but not a case that names a column", () => {
    expect(classifyRow(HEAD, mapped, ctx)).toBe("header");
    expect(classifyRow([null, " 案件编号", "收案日期 ", "申请人", "被申请行政机关", null], mapped, ctx)).toBe("header");
    expect(classifyRow([1, "申请人", "2026-05-06", "王伟", "区人社局", "是"], mapped, ctx)).toBe("data");
    const two = [
      ["序号", "登记编号", "登记日期", "申请人", null, null, "被申请人"],
      [null, null, null, "姓名", "证件号码", "联系电话", null],
    ];
    const h2 = detectHeader([...two, [1, "RS-1", "2026-05-06", "王伟", null, null, "区人社局"]])!;
    const filled = [["序号", "登记编号", "登记日期", "申请人", "申请人", "申请人", "被申请人"], ["序号", "登记编号", "登记日期", "姓名", "证件号码", "联系电话", "被申请人"]];
    const grid = [...two, [1, "RS-1", "2026-05-06", "王伟", null, null, "区人社局"], ...filled, [2, "RS-2", "2026-05-07", "李娜", null, null, "区人社局"]];
    const t = tableRows(grid, h2);
    expect(excelRows(t.data)).toEqual([3, 6]);
    expect(t.skipped.header).toEqual([4, 5]);
  });

  it("reads nothing below 以下空白 or a signature line as a case, reports what looks like data there, and goes on where the header is printed again", () => {
    const c = (n: number) => [n, `TL-${n}`, "2026-05-06", "王伟", "区人社局", "是"];
    const grid: unknown[][] = [
      HEAD, c(1), ["以下空白", "以下空白", "以下空白", "以下空白", "以下空白", "以下空白"], [null, null, null, null, null, null],
      ["填表人：", "林晓燕", null, "审核人：", "陈建国", null], [1, "案件编号按单位简称-年份-序号编排", null, null, null, null],
      HEAD, c(2), ["审核人：陈建国"], c(3),
    ];
    const t = tableRows(grid, header);
    expect(excelRows(t.data)).toEqual([2, 8, 10]);
    expect(t.skipped).toMatchObject({ note: [3, 5, 9], header: [7], below: [6], end: 3 });
  });

  it("keeps a row that only starts like a note when it has a case's worth of cells", () => {
    expect(classifyRow(["说明", "TL-9", "2026-05-06", "王伟", "区人社局", "是"], mapped, ctx)).toBe("data");
  });
});

describe("saying which rows were not read as cases", () => {
  it("counts each kind in Chinese and English, and names the rows below the table's end", () => {
    const skipped = { heading: [4, 9], header: [10], total: [8, 14], note: [15, 30, 31], below: [32], end: 15 };
    expect(skippedRowsMessage(skipped, "zh-CN")).toBe(
      "另有 8 行不是案件，已跳过：标题 2 行、重复的表头 1 行、小计/合计 2 行、说明和签名 3 行。表格在第 15 行结束，其下第 32 行有内容，未作为案件读取；如是案件，请移到第 15 行之上。",
    );
    expect(skippedRowsMessage(skipped, "en")).toBe(
      "8 rows are not cases and were skipped: 2 headings, 1 repeated header row, 2 subtotal/total rows, 3 notes and signature lines. The table ends at row 15; row 32 below it was not read as a case; if it is one, move it above row 15.",
    );
    expect(skippedRowsMessage({ heading: [], header: [], total: [], note: [], below: [], end: null }, "zh-CN")).toBeNull();
  });
});
