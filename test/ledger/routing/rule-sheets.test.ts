import { describe, expect, it } from "vitest";
import { DEFAULT_DOMAIN_DEPARTMENTS } from "../../../ledger/routing/default-departments.ts";
import { validateDomainSheet } from "../../../ledger/routing/domain-sheet.ts";
import { validatePlaceSheet } from "../../../ledger/routing/place-sheet.ts";
import { RULE_ISSUE_CODES, type RuleIssueCode } from "../../../ledger/routing/rule-issues.ts";
import { ruleSheetKind } from "../../../ledger/routing/rule-sheet-kind.ts";

const DOMAIN_SHEET = [
  ["泉港区矛盾纠纷分流：领域与主管部门"],
  ["序号", "纠纷领域", "主管部门"],
  ...Object.entries(DEFAULT_DOMAIN_DEPARTMENTS).map(([d, dep], i) => [i + 1, d, dep]),
];

const PLACE_SHEET = [
  ["村（社区）", "所属镇（街道）"],
  ["樟脚村", "涂岭镇"],
  ["樟脚新村、下炉村", "涂岭镇"],
  ["溪边村", "界山镇"],
  ["溪边村", "后龙镇"],
];

const codesOf = (issues: { column: string | null; code: string }[]) => issues.map((i) => [i.column, i.code]);
const seen = new Set<RuleIssueCode>();
const note = (issues: { code: RuleIssueCode }[]) => issues.forEach((i) => seen.add(i.code));

describe("recognising the routing rule sheets by their header", () => {
  it.each([
    ["纠纷领域 | 主管部门 under a title", DOMAIN_SHEET, "domains"],
    ["案件类别 | 责任部门", [["案件类别", "责任部门"], ["教育", "区教育局"]], "domains"],
    ["领域 | 主管单位", [["领域", "主管单位"]], "domains"],
    ["村（社区） | 所属镇（街道）", PLACE_SHEET, "places"],
    ["村居 | 镇街", [["村居", "镇街"], ["樟脚村", "涂岭镇"]], "places"],
    ["村名 | 乡镇", [["序号", "村名", "乡镇"]], "places"],
    ["社区 | 所属镇", [["社区", "所属镇"]], "places"],
  ] as const)("reads a sheet headed %s as the %s sheet", (_name, grid, kind) => {
    expect(ruleSheetKind(grid)).toBe(kind);
  });

  it.each([
    ["a case ledger, though it has 纠纷领域 and 主管部门", [["案件编号", "收案日期", "所属镇（街道）", "纠纷领域", "主管部门", "申请人", "被申请行政机关"]]],
    ["a case ledger, though it has 社区 and 镇街", [["案件编号", "收案日期", "镇街", "社区", "申请人", "被申请行政机关"]]],
    ["a mediator roster", [["姓名", "级别", "所属单位", "擅长领域", "联系电话"]]],
    ["a sheet naming only one of the two columns", [["纠纷领域", "备注"]]],
    ["a sheet holding both tables side by side", [["纠纷领域", "主管部门", "村（社区）", "所属镇（街道）"]]],
  ] as const)("does not take %s for a rule sheet", (_name, grid) => {
    expect(ruleSheetKind(grid)).toBeNull();
  });
});

describe("reading the domain sheet (纠纷领域 | 主管部门)", () => {
  it("reads every row of the default map into the same map", () => {
    const r = validateDomainSheet(DOMAIN_SHEET)!;
    expect(r.header.headerRow).toBe(1);
    expect(r.issues).toEqual([]);
    expect(r.map).toEqual(DEFAULT_DOMAIN_DEPARTMENTS);
  });

  it("normalises domains as the ledger does and reads several domains in one cell", () => {
    const r = validateDomainSheet([["纠纷领域", "主管部门"], ["劳动争议", "区人社局"], ["物价、知识产权", "区市场监督管理局"], ["医患纠纷", "区卫健局"]])!;
    expect(r.issues).toEqual([]);
    expect(r.map).toEqual({ 劳动人事争议: "区人社局", 物价纠纷: "区市场监督管理局", 知识产权: "区市场监督管理局", 医疗卫生: "区卫健局" });
    expect(r.rows[1].rules).toHaveLength(2);
  });

  it("refuses a domain listed twice, naming the first row, and then gives no map at all", () => {
    const r = validateDomainSheet([["纠纷领域", "主管部门"], ["劳动人事争议", "区人社局"], ["教育", "区教育局"], ["劳动争议", "区总工会"]])!;
    note(r.issues);
    expect(codesOf(r.issues)).toEqual([["A", "duplicate_domain"]]);
    expect(r.issues[0]).toMatchObject({ row: 4, key: "domain", severity: "error" });
    expect(r.issues[0].message).toBe("「纠纷领域」“劳动人事争议”已在第2行指定了主管部门，同一领域只能有一个主管部门，请删去或合并其中一行。");
    expect(r.map).toBeNull();
    const en = validateDomainSheet([["纠纷领域", "主管部门"], ["教育", "区教育局"], ["教育", "区教育局"]], { locale: "en" })!;
    expect(en.issues[0].message).toContain(`"教育" already has a department in charge on row 2`);
  });

  it("reports an unknown domain, a missing department and an unconfigured department on their cells", () => {
    const r = validateDomainSheet(
      [["主管部门", "纠纷领域"], ["区人社局", "邻里纠纷"], [null, "教育"], ["区文体旅游局", "文化旅游"], ["区住建局", ""], ["区".repeat(101), "物业"]],
      { departments: ["区人社局", "区教育局", "区住建局"] },
    )!;
    note(r.issues);
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "B", "invalid_choice"], [3, "A", "required"], [4, "A", "unknown_unit"], [5, "B", "required"], [6, "A", "too_long"],
    ]);
    expect(r.issues[0].message).toContain("教育、医疗卫生");
    expect(r.issues[2].message).toContain("区文体旅游局");
    expect(r.rows.map((x) => x.rules)).toEqual([[], [], [], [], []]);
    expect(r.map).toBeNull();
  });

  it("is not found in a grid without its header", () => {
    expect(validateDomainSheet([["案件编号", "收案日期", "申请人"]])).toBeNull();
  });
});

describe("reading the place sheet (村（社区） | 所属镇（街道）)", () => {
  it("reads each village with its town, several to a cell, and allows one name in two towns", () => {
    const r = validatePlaceSheet(PLACE_SHEET, { towns: ["涂岭镇", "界山镇", "后龙镇"] })!;
    expect(r.issues).toEqual([]);
    expect(r.villages).toEqual([
      { name: "樟脚村", town: "涂岭镇" }, { name: "樟脚新村", town: "涂岭镇" }, { name: "下炉村", town: "涂岭镇" },
      { name: "溪边村", town: "界山镇" }, { name: "溪边村", town: "后龙镇" },
    ]);
  });

  it("warns about a village listed twice under one town and still gives the list, with it once", () => {
    const r = validatePlaceSheet([["村居", "镇街"], ["樟脚村", "涂岭镇"], ["樟脚村", "涂岭镇"]])!;
    note(r.issues);
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([[3, "A", "duplicate_place", "warning"]]);
    expect(r.issues[0].message).toBe("「村居」“樟脚村”已在第2行列入涂岭镇，这里重复列出，可删去。");
    expect(r.villages).toEqual([{ name: "樟脚村", town: "涂岭镇" }]);
  });

  it("reports a missing village, a missing or unconfigured town and an overlong name, and then gives no list", () => {
    const r = validatePlaceSheet(
      [["村（社区）", "所属镇（街道）"], ["", "涂岭镇"], ["樟脚村", null], ["东海村", "东海镇"], ["樟脚村", "镇".repeat(101)], ["村".repeat(101), "涂岭镇"]],
      { towns: ["涂岭镇"], locale: "en" },
    )!;
    note(r.issues);
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "A", "required"], [3, "B", "required"], [4, "B", "unknown_unit"], [5, "B", "too_long"], [6, "A", "too_long"],
    ]);
    expect(r.issues[2].message).toBe(`"所属镇（街道）" "东海镇" is not a configured unit; choose one of: 涂岭镇.`);
    expect(r.villages).toBeNull();
  });

  it("raises every rule sheet issue code somewhere above", () => {
    expect([...seen].sort()).toEqual([...RULE_ISSUE_CODES].sort());
  });
});
