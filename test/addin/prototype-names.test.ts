// Sheet tabs and column corrections named like an object's built-ins (constructor, __proto__, toString …): the pane
// remembers and finds a coordinator's pick for such a sheet like any other, and ignores such keys in saved settings.
import { describe, expect, it } from "vitest";
import type { SheetGrid } from "../../addin/hosts/ledger-workbook.ts";
import { emptyColumnSettings, readColumnSettings } from "../../addin/pane/logic/columns.ts";
import { readSheetUnits, resolveSheetPick } from "../../addin/pane/logic/unit-pick.ts";
import { validateWorkbook } from "../../addin/pane/logic/validate-all.ts";

const NAMES = ["constructor", "__proto__", "prototype", "toString", "hasOwnProperty", "valueOf"];
const UNITS = ["南埔镇", "山腰街道"];

describe("a coordinator's pick for a sheet named like an object's built-ins", () => {
  it("has no pick before one is made, keeps the one made through a save and a reload, and forgets it on 自动识别", () => {
    for (const sheet of NAMES) {
      const none = readSheetUnits(JSON.parse("{}"));
      expect(resolveSheetPick(none, sheet, null), sheet).toEqual({ pick: "", changed: null });

      const picked = resolveSheetPick(none, sheet, "南埔镇");
      expect(picked.pick, sheet).toBe("南埔镇");
      // What the workbook's settings hold, read back as the pane reads it next time.
      const saved = readSheetUnits(JSON.parse(JSON.stringify(picked.changed)));
      expect(Object.keys(saved), sheet).toEqual([sheet]);
      expect(resolveSheetPick(saved, sheet, null), sheet).toEqual({ pick: "南埔镇", changed: null });
      expect(resolveSheetPick(saved, "Sheet2", null), sheet).toEqual({ pick: "", changed: null });

      const forgotten = resolveSheetPick(saved, sheet, "");
      expect(forgotten.pick, sheet).toBe("");
      expect(Object.keys(forgotten.changed!), sheet).toEqual([]);
    }
  });

  it("validates a whole workbook whose ledger tabs are so named, each with the unit its title names or none", () => {
    const header = ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态"];
    const grids: SheetGrid[] = NAMES.map((sheetName, i) => {
      const values = [["泉港区山腰街道行政争议调解工作台账"], header, [`C-${i}`, "2026-05-02", "张三", "区人社局", "是", "李四", "调解中"]];
      return { sheetName, values, rowCount: values.length, columnCount: header.length, chunks: 1 };
    });
    const v = validateWorkbook(grids, emptyColumnSettings(), { locale: "zh-CN", today: "2026-06-15", units: UNITS, picks: readSheetUnits({}) });
    expect(v.ledgers).toBe(NAMES.length);
    expect(v.rows.map((r) => [r.sheet, r.unit, r.unitSource]).sort()).toEqual(NAMES.map((n) => [n, "山腰街道", "title"]).sort());
  });
});

describe("column corrections saved in a workbook", () => {
  it("keeps only corrections of known fields, whatever other keys the saved settings hold", () => {
    const raw = JSON.parse(`{"version":1,"override":{"__proto__":3,"constructor":4,"toString":null,"caseNo":1,"applicant":null}}`);
    const settings = readColumnSettings(raw);
    expect(Object.keys(settings.override).sort()).toEqual(["applicant", "caseNo"]);
    expect(settings.override).toEqual({ caseNo: 1, applicant: null });
  });
});
