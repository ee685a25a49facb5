import { describe, expect, it } from "vitest";
import { normaliseChoice } from "../../ledger/normalise/choice.ts";
import { CHOICE_VARIANTS, COMPLEXITIES, DOMAINS, MEDIATION_TYPES, SOURCES, STAGES, STATUSES } from "../../ledger/choices.ts";

const source = (v: unknown) => normaliseChoice(v, SOURCES, CHOICE_VARIANTS.source);
const domain = (v: unknown) => normaliseChoice(v, DOMAINS, CHOICE_VARIANTS.domain);
const stage = (v: unknown) => normaliseChoice(v, STAGES, CHOICE_VARIANTS.stage);
const status = (v: unknown) => normaliseChoice(v, STATUSES, CHOICE_VARIANTS.status);

describe("normaliseChoice", () => {
  it("reads every canonical value of every choice column as itself", () => {
    const columns = [
      [SOURCES, CHOICE_VARIANTS.source], [DOMAINS, CHOICE_VARIANTS.domain], [STAGES, CHOICE_VARIANTS.stage],
      [MEDIATION_TYPES, CHOICE_VARIANTS.mediationType], [STATUSES, CHOICE_VARIANTS.status],
      [COMPLEXITIES, CHOICE_VARIANTS.complexity],
    ] as const;
    for (const [choices, variants] of columns) {
      for (const c of choices) expect(normaliseChoice(c, choices, variants)).toEqual({ ok: true, value: c });
    }
  });

  it("reads every variant in CHOICE_VARIANTS as its canonical value", () => {
    for (const [column, variants] of Object.entries(CHOICE_VARIANTS)) {
      const choices = { source: SOURCES, domain: DOMAINS, stage: STAGES, mediationType: MEDIATION_TYPES, status: STATUSES, complexity: COMPLEXITIES }[column as keyof typeof CHOICE_VARIANTS];
      for (const [spelling, canonical] of Object.entries(variants)) {
        expect(normaliseChoice(spelling, choices, variants), `${column}: ${spelling}`).toEqual({ ok: true, value: canonical });
      }
    }
  });

  it.each([
    ["法院委派(诉前)", "法院委派（诉前）"],
    ["法院委派（诉前）", "法院委派（诉前）"],
    ["法院委派 ( 诉前 )", "法院委派（诉前）"],
    ["法院委托（诉中）", "法院委托（诉中）"],
    ["法院委托(诉中)", "法院委托（诉中）"],
    [" 当事人\n申请 ", "当事人申请"],
    ["当事人\u3000申请", "当事人申请"],
    ["委派", "法院委派（诉前）"],
    ["诉前委派", "法院委派（诉前）"],
  ])("reads the source %j as %s", (input, expected) => {
    expect(source(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["劳动争议", "劳动人事争议"],
    ["劳动 争议", "劳动人事争议"],
    ["医患纠纷", "医疗卫生"],
    ["拆迁", "征地拆迁"],
    ["教育纠纷", "教育"],
    ["知识产权纠纷", "知识产权"],
    ["其他纠纷", "其他"],
    ["物业纠纷", "物业纠纷"],
    ["物业", "物业纠纷"],
  ])("reads the domain %j as %s", (input, expected) => {
    expect(domain(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["诉前阶段", "诉前"],
    ["执行阶段", "执行"],
    ["审判阶段", "审判"],
    ["信访阶段", "信访"],
    ["行政复议阶段", "行政复议"],
    ["诉中", "审判"],
  ])("reads the stage %j as %s", (input, expected) => {
    expect(stage(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["成功", "调解成功"],
    ["调解 成功", "调解成功"],
    ["失败", "调解不成"],
    ["撤诉", "撤回"],
  ])("reads the status %j as %s", (input, expected) => {
    expect(status(input)).toEqual({ ok: true, value: expected });
  });

  it("reads a variant only in its own column: 诉中 is a stage, not a source", () => {
    expect(stage("诉中")).toEqual({ ok: true, value: "审判" });
    expect(source("诉中")).toEqual({ ok: false, raw: "诉中" });
  });

  it.each([
    [domain, "交通纠纷"], // 交通 is a variant, not a canonical value: the suffix rule does not chain onto variants
    [domain, "教育局"],
    [domain, "劳动人事"],
    [domain, "房产"],
    [source, "法院"],
    [source, "法院委派[诉前]"],
    [stage, "二审"],
    [status, "已结案"],
    [status, "调解成功？"],
  ])("refuses %j (raw text kept)", (read, input) => {
    expect(read(input)).toEqual({ ok: false, raw: input });
  });

  it.each([
    [1, "1"],
    [true, "是"],
  ])("refuses the cell value %j", (input, raw) => {
    expect(domain(input)).toEqual({ ok: false, raw });
  });

  it.each([null, undefined, "", "  ", "\n"])("reads the empty cell %j as null", (input) => {
    expect(domain(input)).toEqual({ ok: true, value: null });
  });

  it("uses its own variants table: the same choices with other variants read differently", () => {
    const choices = ["甲", "乙"] as const;
    expect(normaliseChoice("一号", choices, { 一号: "甲" })).toEqual({ ok: true, value: "甲" });
    expect(normaliseChoice("一号", choices, { 一号: "乙" })).toEqual({ ok: true, value: "乙" });
    expect(normaliseChoice("一号", choices, {})).toEqual({ ok: false, raw: "一号" });
  });

  it("ignores a variant that points at a value not among the choices", () => {
    expect(normaliseChoice("旧称", ["甲"], { 旧称: "丙" })).toEqual({ ok: false, raw: "旧称" });
  });
});
