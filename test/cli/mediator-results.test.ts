import { describe, expect, it } from "vitest";
import { formatMediators } from "../../cli/commands/mediators.ts";
import { parsePeriod } from "../../ledger/period.ts";
import { MEDIATOR_STANDARD, mediatorResults, type MediatorCase } from "../../worker/assessment/mediator-results.ts";

let seq = 0;
const closed = (mediator: string, status: MediatorCase["status"]): MediatorCase => ({
  unit: "山腰街道", caseNo: `C-${++seq}`, mediator, receivedOn: "2026-07-01", accepted: true, status, closedOn: "2026-07-10",
  stage: "诉前", mediationType: "人民调解", commitmentDue: null, commitmentMetOn: null,
});

describe("tiaojie mediators output", () => {
  it("lists each tier in rank order, marks gold and falling-behind mediators and prints the figures behind each", () => {
    const cases = [
      ...Array.from({ length: 12 }, () => closed("林志强", "调解成功")),
      ...Array.from({ length: 2 }, () => closed("王芳", "调解成功")),
      ...Array.from({ length: 8 }, () => closed("王芳", "调解不成")),
    ];
    const roster = [{ name: "王芳", unit: "山腰街道", tier: "星牌调解员" }, { name: "林志强", unit: "山腰街道", tier: "星牌调解员" }];
    const mediators = mediatorResults(roster, cases, [], parsePeriod("2026-Q3"), "2026-10-01");
    const text = formatMediators({ period: "2026-Q3", asOf: "2026-10-01", standard: MEDIATOR_STANDARD as never, mediators });
    const lines = text.split("\n");
    const lin = lines.findIndex((l) => l.includes("林志强"));
    const wang = lines.findIndex((l) => l.includes("王芳"));
    expect(lin).toBeLessThan(wang);
    expect(lines[lin]).toMatch(/^ {2}1 {2}林志强（山腰街道） {2}收案 12 {2}办结 12 {2}成功 100%（12\/12）.*★ 达金牌标准 meets gold$/);
    expect(lines[wang]).toContain("成功  20%（2/10）");
    expect(lines[wang]).toContain("▼ 落后 falling behind");
    expect(lines[wang + 1].trim()).toMatch(/^调解成功率 20%（2\/10），95% 区间上限 \d+% 仍低于 80%$/);
  });
});
