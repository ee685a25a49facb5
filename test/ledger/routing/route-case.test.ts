import { describe, expect, it } from "vitest";
import type { Domain } from "../../../ledger/choices.ts";
import { awaitsRouting } from "../../../ledger/routing/awaits-routing.ts";
import { DEFAULT_DOMAIN_DEPARTMENTS, domainDepartments } from "../../../ledger/routing/default-departments.ts";
import type { Village } from "../../../ledger/routing/place-sheet.ts";
import { routeCase, type RoutingCase, type RoutingRules } from "../../../ledger/routing/route-case.ts";

const TOWNS = ["山腰街道", "南埔镇", "界山镇", "后龙镇", "峰尾镇", "前黄镇", "涂岭镇"];
const DEPARTMENTS = [...new Set(Object.values(DEFAULT_DOMAIN_DEPARTMENTS))];

/** A made-up district's villages: the product keeps none of its own. */
const VILLAGES: Village[] = [
  { name: "樟脚村", town: "涂岭镇" },
  { name: "樟脚新村", town: "涂岭镇" },
  { name: "盐场社区", town: "山腰街道" },
  { name: "新盐场社区", town: "峰尾镇" },
  // The same name in two towns.
  { name: "溪边村", town: "界山镇" },
  { name: "溪边村", town: "后龙镇" },
  // A village named like another town: the town's name must not read as this village.
  { name: "涂岭村", town: "界山镇" },
  // Its town is not configured: never a lead.
  { name: "外乡村", town: "东海镇" },
];

const RULES: RoutingRules = { towns: TOWNS, departments: DEPARTMENTS, domainDepartments: DEFAULT_DOMAIN_DEPARTMENTS, villages: VILLAGES };

function route(c: Partial<RoutingCase>, rules: Partial<RoutingRules> = {}) {
  return routeCase({ respondent: "区人民政府", domain: null, place: null, ...c }, { ...RULES, ...rules });
}

describe("routing by the default domain map", () => {
  it.each(Object.entries(DEFAULT_DOMAIN_DEPARTMENTS) as [Domain, string][])(
    "sends a %s case to %s, the department in charge",
    (domain, department) => {
      const r = route({ domain });
      expect(r).toMatchObject({ lead: department, assist: null, basis: "domain" });
      expect(r.reason.zh).toContain(`领域“${domain}”由${department}主管`);
      expect(r.reason.en).toContain(`in the charge of ${department}`);
    },
  );

  it("covers all 13 policy domains and leaves 其他 to the place", () => {
    expect(Object.keys(DEFAULT_DOMAIN_DEPARTMENTS)).toHaveLength(13);
    expect(DEFAULT_DOMAIN_DEPARTMENTS.其他).toBeUndefined();
  });

  it("uses the default until the coordinator pushes a map, which then replaces it whole", () => {
    expect(domainDepartments(null)).toBe(DEFAULT_DOMAIN_DEPARTMENTS);
    const pushed = { 劳动人事争议: "区人社局" };
    expect(domainDepartments(pushed)).toBe(pushed);
    expect(route({ domain: "教育", place: "樟脚村" }, { domainDepartments: domainDepartments(pushed) })).toMatchObject({ lead: "涂岭镇", basis: "place" });
  });
});

describe("routing a case, in priority order", () => {
  it("lets a town government as respondent lead, with the domain's department assisting", () => {
    const r = route({ respondent: "涂岭镇人民政府", domain: "劳动人事争议", place: "后龙镇溪边村" });
    expect(r).toMatchObject({ lead: "涂岭镇", assist: "区人社局", basis: "respondent" });
    expect(r.reason.zh).toBe("被申请人“涂岭镇人民政府”是涂岭镇的政府机关，由涂岭镇承办；领域“劳动人事争议”由区人社局主管，区人社局协办。");
    expect(r.reason.en).toBe(`The respondent "涂岭镇人民政府" is 涂岭镇's government, so 涂岭镇 leads; domain "劳动人事争议" is in the charge of 区人社局, so 区人社局 assists.`);
  });

  it("lets a street office as respondent lead alone when the domain has no department", () => {
    const r = route({ respondent: "山腰街道办事处", domain: "其他" });
    expect(r).toMatchObject({ lead: "山腰街道", assist: null, basis: "respondent" });
    expect(r.reason.zh).toBe("被申请人“山腰街道办事处”是山腰街道的政府机关，由山腰街道承办。");
  });

  it("gives the domain's department the lead and the place's town the assist", () => {
    const r = route({ respondent: "区人社局", domain: "劳动人事争议", place: "涂岭镇樟脚村3组" });
    expect(r).toMatchObject({ lead: "区人社局", assist: "涂岭镇", basis: "domain" });
    expect(r.reason.zh).toBe("领域“劳动人事争议”由区人社局主管，区人社局承办；发生地樟脚村属涂岭镇，涂岭镇协办。");
    expect(r.reason.en).toBe(`Domain "劳动人事争议" is in the charge of 区人社局, so 区人社局 leads; the place 樟脚村 belongs to 涂岭镇, so 涂岭镇 assists.`);
  });

  it("gives the place's town the lead when the domain has no department", () => {
    const r = route({ domain: "其他", place: "樟脚村5组" });
    expect(r).toMatchObject({ lead: "涂岭镇", assist: null, basis: "place" });
    expect(r.reason.zh).toBe("领域“其他”没有主管部门；发生地樟脚村属涂岭镇，由涂岭镇承办。");
    expect(r.reason.en).toBe(`Domain "其他" has no department in charge; the place 樟脚村 belongs to 涂岭镇, so 涂岭镇 leads.`);
  });

  it("does not make a department that is not a configured unit the lead", () => {
    const r = route({ domain: "文化旅游", place: "樟脚村" }, { departments: ["区人社局"] });
    expect(r).toMatchObject({ lead: "涂岭镇", basis: "place" });
    expect(r.reason.zh).toContain("领域“文化旅游”的主管部门区文体旅游局不是已登记的单位");
  });

  it("leads by a town named in the place when no village is", () => {
    expect(route({ place: "峰尾镇诚平路12号" })).toMatchObject({ lead: "峰尾镇", basis: "place" });
  });
});

describe("finding the town in a place", () => {
  it.each([
    ["樟脚3组", "樟脚村", "涂岭镇"],
    ["涂岭镇樟脚村3组", "樟脚村", "涂岭镇"],
    ["涂岭镇樟脚新村2组", "樟脚新村", "涂岭镇"],
    ["新盐场社区5号楼", "新盐场社区", "峰尾镇"],
    ["盐场社区5号楼", "盐场社区", "山腰街道"],
    ["后龙镇溪边村", "溪边村", "后龙镇"],
  ])("reads %s as %s of %s: the longest name found wins, a named town settles a shared name", (place, village, town) => {
    const r = route({ place });
    expect(r).toMatchObject({ lead: town, basis: "place" });
    expect(r.reason.zh).toContain(`发生地${village}属${town}`);
  });

  it("does not read a town's own name as a village of another town", () => {
    expect(route({ place: "涂岭镇" })).toMatchObject({ lead: "涂岭镇", basis: "place" });
    expect(route({ place: "涂岭村" })).toMatchObject({ lead: "界山镇", basis: "place" });
  });

  it("never leads by a village whose town is not configured", () => {
    const r = route({ place: "外乡村" });
    expect(r).toMatchObject({ lead: null, basis: null });
    expect(r.reason.zh).toBe("未填纠纷领域；发生地“外乡村”中没有已登记的村（社区）或镇街。请协调员指定承办单位。");
  });
});

describe("cases routing cannot settle", () => {
  it("gives no lead when the place's village is in two towns, and says so", () => {
    const r = route({ domain: "其他", place: "溪边村8号" });
    expect(r).toMatchObject({ lead: null, assist: null, basis: null });
    expect(r.reason.zh).toBe("领域“其他”没有主管部门；发生地“溪边村8号”中的溪边村在界山镇、后龙镇都有，不能确定属哪个镇街。请协调员指定承办单位。");
    expect(r.reason.en).toBe(`Domain "其他" has no department in charge; 溪边村 in the place "溪边村8号" exists in 界山镇 and 后龙镇, so its town is unclear. The coordinator must choose the lead unit.`);
  });

  it("keeps the department's lead but names no assisting town when the place is in two towns", () => {
    const r = route({ domain: "物业纠纷", place: "溪边村" });
    expect(r).toMatchObject({ lead: "区住建局", assist: null, basis: "domain" });
    expect(r.reason.zh).toBe("领域“物业纠纷”由区住建局主管，区住建局承办；发生地“溪边村”中的溪边村在界山镇、后龙镇都有，不能确定属哪个镇街，协办镇街请协调员确定。");
  });

  it("gives no lead when the place names a town that does not have the village named", () => {
    const r = route({ place: "涂岭镇溪边村" });
    expect(r).toMatchObject({ lead: null, basis: null });
    expect(r.reason.zh).toContain("发生地写明涂岭镇，但溪边村属界山镇、后龙镇");
  });

  it("gives no lead when the place names two towns", () => {
    expect(route({ place: "涂岭镇与界山镇交界处" })).toMatchObject({ lead: null, basis: null });
  });

  it("gives no lead, and says what is missing, for a case with neither domain nor place", () => {
    const r = route({});
    expect(r).toEqual({
      lead: null, assist: null, basis: null,
      reason: { zh: "未填纠纷领域；未填纠纷发生地。请协调员指定承办单位。", en: "No domain is given; no place is given. The coordinator must choose the lead unit." },
    });
  });

  it("says a department leads with no assisting town when the place is empty", () => {
    expect(route({ domain: "教育" }).reason.zh).toBe("领域“教育”由区教育局主管，区教育局承办；未填纠纷发生地，无协办单位。");
  });
});

describe("which cases wait to be routed", () => {
  it.each([
    [null, true], ["", true], [" 区调解中心 ", true], ["区调解中心", true], ["涂岭镇", false], ["区人社局", false],
  ])("a case whose unit is %j waits: %s", (unit, waits) => {
    expect(awaitsRouting(unit, ["区调解中心"])).toBe(waits);
  });
});
