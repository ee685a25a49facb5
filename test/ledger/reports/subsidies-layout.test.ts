import { describe, expect, it } from "vitest";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { subsidiesLayout } from "../../../ledger/reports/subsidies-layout.ts";
import { statement } from "../../fixtures/subsidy-statement.ts";

const texts = (g: Grid) => g.rows.flatMap((r) => r.map((c) => c.v)).filter((v): v is string => typeof v === "string");
const office = { filingUnit: "海丰区司法局", contact: "郑敏", phone: "0660-1234567" };

describe("the subsidy statements as payment documents", () => {
  const sheets = subsidiesLayout(statement(), "zh-CN", { filedOn: "2026-10-09", office });

  it("states the total in capitals under the figures on both sheets", () => {
    for (const g of sheets) expect(texts(g)).toContain("合计金额（大写）：人民币壹仟壹佰元整");
  });

  it("carries the 经办人 and 审核 lines, the seal and the office's phone", () => {
    for (const g of sheets) {
      const t = texts(g);
      expect(t).toContainEqual(expect.stringMatching(/^经办人：＿+　　审核：＿+$/));
      expect(t).toContainEqual(expect.stringMatching(/^单位负责人：＿+　（盖章）　　联系电话：0660-1234567$/));
    }
  });

  it("names the filing office, the day it is filed, the period as a form writes it and the unit of money", () => {
    expect(texts(sheets[0]).slice(1, 3)).toEqual(["填报单位：海丰区司法局　　填报日期：2026年10月9日", "补贴期间：2026年第三季度　　单位：元"]);
  });

  it("leaves a line to fill by hand when the office has not set its letterhead", () => {
    const [summary] = subsidiesLayout(statement(), "zh-CN", { filedOn: "2026-10-09" });
    expect(texts(summary)[1]).toMatch(/^填报单位：＿+　　/);
  });

  it("stores amounts as numbers in yuan, formatted to the fen", () => {
    const [summary] = sheets;
    const total = summary.rows.find((r) => r[0]?.v === "全区合计")!;
    expect(total[3]).toMatchObject({ v: 1100, format: "#,##0.00" });
  });

  it("writes Chinese sheets without English and English sheets without Chinese labels", () => {
    // Case numbers are shown as the clerk typed them (NP-2).
    const typed = /\b[A-Z]{2}-\d+\b/g;
    for (const g of sheets) for (const t of texts(g)) expect(t.replace(typed, ""), t).not.toMatch(/[A-Za-z]{2,}/);
    const [enSummary] = subsidiesLayout(statement(), "en", { filedOn: "2026-10-09" });
    expect(enSummary.name).toBe("Subsidy summary Q3 2026");
    expect(texts(enSummary)).toContain("District total");
  });

  it("repeats its table header on every printed page and fits A4 portrait at a readable scale", () => {
    for (const g of sheets) {
      expect(g.rows[g.headerRows!.first].every((c) => c.style === "header")).toBe(true);
      expect(g.page?.orientation).toBe("portrait");
      expect(printScale(g.widths, "portrait")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    }
  });
});
