// Text that is also the name of an object's own machinery (constructor, __proto__, toString …) written where the
// ledger reads names: column headings, choice cells, units, mediators, rule sheets. Each is read as the text it is:
// a heading we do not know is an unmapped column, a choice we do not know is an issue naming it, a configured unit or
// village so named is found like any other.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHOICE_VARIANTS, DOMAINS, type Domain } from "../../ledger/choices.ts";
import { detectHeader, matchHeader } from "../../ledger/header.ts";
import { normaliseChoice } from "../../ledger/normalise/choice.ts";
import { validateRoster } from "../../ledger/roster.ts";
import { validateDomainSheet } from "../../ledger/routing/domain-sheet.ts";
import { validatePlaceSheet } from "../../ledger/routing/place-sheet.ts";
import { routeCase } from "../../ledger/routing/route-case.ts";
import { validateLedger } from "../../ledger/validate.ts";

const NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"];
const TODAY = "2026-06-15";

const HEADER = ["案件编号", "收案日期", "承办单位", "纠纷领域", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "结案日期"];
const KEYS = ["caseNo", "receivedOn", "unit", "domain", "applicant", "respondent", "accepted", "mediator", "status", "closedOn"];
const CASE = ["C-1", "2026-05-02", "山腰街道", "劳动争议", "张三", "区人社局", "是", "李四", "调解中", ""];

describe("column headings named like an object's built-ins", () => {
  it("are no known column, alone or decorated", () => {
    for (const name of NAMES) {
      expect(matchHeader(name), name).toBeNull();
      expect(matchHeader(`${name}（必填）`), name).toBeNull();
    }
  });

  it("leave the ledger's own columns found where they are, wherever such columns stand among them (property)", () => {
    const inserted = fc.array(fc.record({ name: fc.constantFrom(...NAMES), at: fc.nat(HEADER.length) }), { maxLength: 8 });
    fc.assert(fc.property(inserted, (extra) => {
      const header: string[] = [...HEADER];
      const row: unknown[] = [...CASE];
      // Insert from the right so each `at` counts in the ledger's own columns.
      for (const { name, at } of [...extra].sort((a, b) => b.at - a.at)) {
        header.splice(at, 0, name);
        row.splice(at, 0, `${name} 的值`);
      }
      const result = validateLedger([["泉港区山腰街道行政争议调解工作台账"], header, row], { today: TODAY, units: ["山腰街道"] })!;
      expect(result).not.toBeNull();
      expect(Object.keys(result.header.columns).sort()).toEqual([...KEYS].sort());
      for (const [i, key] of KEYS.entries()) expect(header[(result.header.columns as Record<string, number>)[key]]).toBe(HEADER[i]);
      expect(result.header.unmapped.map((c) => header[c]).sort()).toEqual(extra.map((e) => e.name).sort());
      expect(result.rows[0].issues).toEqual([]);
      expect(result.rows[0].case).toMatchObject({ caseNo: "C-1", unit: "山腰街道", domain: "劳动人事争议", mediator: "李四" });
    }), { numRuns: 200 });
  });

  it("never make a header row of their own, nor a two-level one", () => {
    expect(detectHeader([NAMES, NAMES])).toBeNull();
    const twoLevel = validateLedger([[...HEADER.slice(0, 4), "constructor", "constructor"], [...HEADER.slice(0, 4), "__proto__", "toString"], CASE.slice(0, 6)], { today: TODAY });
    expect(twoLevel).not.toBeNull();
    expect(twoLevel!.header.unmapped).toEqual([4, 5]);
  });
});

describe("cells holding such names", () => {
  it("are no domain, stage, source, mediation type, status or complexity: each an issue naming what was written", () => {
    for (const [field, variants] of Object.entries(CHOICE_VARIANTS)) {
      for (const name of NAMES) expect(normaliseChoice(name, DOMAINS, variants), `${field} ${name}`).toEqual({ ok: false, raw: name });
    }
    const header = ["案件编号", "收案日期", "所处阶段", "案件来源", "调解类型", "难易程度", ...HEADER.slice(3)];
    const row = (name: string, i: number) => [`C-${i}`, "2026-05-02", name, name, name, name, ...CASE.slice(3)].map((v, c) => (c === 6 ? name : v));
    const result = validateLedger([header, ...NAMES.map(row)], { today: TODAY })!;
    NAMES.forEach((name, i) => {
      const issues = result.rows[i].issues.filter((x) => x.code === "invalid_choice");
      expect(issues.map((x) => x.key).sort(), name).toEqual(["complexity", "domain", "mediationType", "source", "stage"].sort());
      for (const issue of issues) expect(issue.message, name).toContain(name);
    });
  });

  it("are a unit or mediator like any other: unknown when not configured, found when they are", () => {
    const header = HEADER;
    const rows = NAMES.map((name, i) => [`C-${i}`, "2026-05-02", name, "劳动争议", "张三", "区人社局", "是", name, "调解中", ""]);
    const unknown = validateLedger([header, ...rows], { today: TODAY, units: ["山腰街道"], mediators: ["李四"] })!;
    NAMES.forEach((name, i) => {
      expect(unknown.rows[i].issues.map((x) => [x.key, x.code]), name).toEqual([["unit", "unknown_unit"], ["mediator", "unknown_mediator"]]);
    });
    const known = validateLedger([header, ...rows], { today: TODAY, units: NAMES, mediators: NAMES })!;
    NAMES.forEach((name, i) => {
      expect(known.rows[i].issues, name).toEqual([]);
      expect(known.rows[i].case, name).toMatchObject({ unit: name, mediator: name });
    });
  });

  it("name a mediator on the roster, and are no tier", () => {
    const roster = validateRoster([["姓名", "级别", "所属单位"], ...NAMES.map((n) => [n, "金牌", "山腰街道"]), ["王五", "constructor", "山腰街道"]])!;
    expect(roster.rows.slice(0, NAMES.length).map((r) => r.mediator?.name)).toEqual(NAMES);
    expect(roster.rows.at(-1)!.issues.map((x) => [x.key, x.code])).toEqual([["tier", "invalid_choice"]]);
  });
});

describe("routing rules naming such places and departments", () => {
  const towns = ["toString", "valueOf"];
  const departments = ["constructor", "__proto__"];

  it("reads villages and departments so named, finds repeated ones, and routes by them", () => {
    const places = validatePlaceSheet([["村（社区）", "所属镇（街道）"], ["__proto__、constructor", "toString"], ["hasOwnProperty", "valueOf"], ["constructor", "toString"]], { towns })!;
    expect(places.issues.map((x) => [x.row, x.code])).toEqual([[4, "duplicate_place"]]);
    const villages = validatePlaceSheet([["村（社区）", "所属镇（街道）"], ["__proto__、constructor", "toString"], ["hasOwnProperty", "valueOf"]], { towns })!.villages!;
    expect(villages).toEqual([{ name: "__proto__", town: "toString" }, { name: "constructor", town: "toString" }, { name: "hasOwnProperty", town: "valueOf" }]);

    const domains = validateDomainSheet([["纠纷领域", "主管部门"], ["教育", "constructor"], ["医疗卫生", "__proto__"], ["constructor", "__proto__"]], { departments })!;
    expect(domains.issues.map((x) => [x.row, x.key, x.code])).toEqual([[4, "domain", "invalid_choice"]]);
    const map = validateDomainSheet([["纠纷领域", "主管部门"], ["教育", "constructor"], ["医疗卫生", "__proto__"]], { departments })!.map!;
    expect(Object.entries(map)).toEqual([["教育", "constructor"], ["医疗卫生", "__proto__"]]);

    const rules = { towns, departments, domainDepartments: map, villages };
    expect(routeCase({ respondent: "区人社局", domain: "医疗卫生", place: "__proto__3组" }, rules)).toMatchObject({ lead: "__proto__", assist: "toString", basis: "domain" });
    expect(routeCase({ respondent: "区人社局", domain: null, place: "hasOwnProperty" }, rules)).toMatchObject({ lead: "valueOf", basis: "place" });
    for (const domain of ["constructor", "toString", "__proto__"]) {
      // A domain routing never reads from a ledger (it reads the 14 policy domains only) still finds no department.
      expect(routeCase({ respondent: "区人社局", domain: domain as Domain, place: null }, rules), domain).toMatchObject({ lead: null, basis: null });
    }
  });
});
