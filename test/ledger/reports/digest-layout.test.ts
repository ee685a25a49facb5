// The joint-meeting digest's sheets as the pane and the CLI both write them.
import { describe, expect, it } from "vitest";
import type { Digest } from "../../../ledger/api/digest.ts";
import { digestLayout, digestSheetName } from "../../../ledger/reports/digest-layout.ts";
import { TIME_ZONE_NOTE } from "../../../ledger/reports/form-text.ts";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { judge, JUDGMENT_NOTE, JUDGMENT_TEXT } from "../../../ledger/target-judgment.ts";
import { sampleDigest } from "../../fixtures/digest.ts";

const texts = (cells: { v: unknown }[] | undefined) => (cells ?? []).map((c) => c.v);
const rowStarting = (g: Grid, text: string) => g.rows.findIndex((r) => r[0]?.v === text);
const allText = (g: Grid) => g.rows.flatMap((r) => r.map((c) => String(c.v ?? ""))).join("\n");
const sheet = (grids: Grid[], prefix: string) => grids.find((g) => g.name.startsWith(`${prefix} `))!;
/** What clerks typed, shown as typed whatever the language: case numbers. */
const typed = (d: Digest) => new Set([
  ...d.confirmation.closing.map((x) => x.caseNo), ...d.overdue.cases.map((x) => x.caseNo), ...d.commitments.overdueCases.map((x) => x.caseNo),
  ...d.repeats.cases.flatMap((x) => [x.caseNo, x.previous?.caseNo ?? ""]),
]);

/** A district of many units with long names, every list long: what must still print on A4 at a readable scale. */
function bigDigest(): Digest {
  const d = sampleDigest();
  const names = Array.from({ length: 26 }, (_, i) => `泉港区市场监督管理局第${i + 1}分局`);
  const court = d.courtReferred.units[1];
  d.courtReferred.units = names.map((unit) => ({ ...court, unit }));
  d.courtReferred.total = { ...court, received: 3 * 26, notAccepted: 26, success: 26, failed: 26 };
  d.courtReferred.bySource = [{ ...d.courtReferred.total, source: "法院委派（诉前）" }];
  d.success.units = names.map((unit, i) => ({ ...d.success.units[i % 4], unit }));
  d.confirmation.units = names.map((unit) => ({ ...d.confirmation.units[1], unit }));
  d.overdue.units = names.map((unit) => ({ ...d.overdue.units[1], unit }));
  d.commitments.units = names.map((unit) => ({ ...d.commitments.units[1], unit }));
  d.commitments.total = { due: 2 * 26, kept: 26, keptLate: 0, overdue: 26, pending: 0 };
  d.confirmation.total = { agreements: 3 * 26, applied: 26, windowOpen: 26, lapsed: 26 };
  d.overdue.cases = names.map((unit, i) => ({ ...d.overdue.cases[0], unit, caseNo: `ZJ-2026-${i}`, respondent: "区自然资源局及区住房和城乡建设局" }));
  d.respondents.top = names.slice(0, 10).map((respondent) => ({ ...d.respondents.top[0], respondent }));
  return d;
}

describe("the joint-meeting digest sheets", () => {
  const d = sampleDigest();
  const grids = digestLayout(d, "zh-CN");

  it("writes a contents sheet first, then each section's figures and each list of cases on a sheet of its own, each name a valid Excel sheet name", () => {
    expect(grids.map((g) => g.name)).toEqual([
      "目录 2026-Q3", "1 法院委派委托案件 2026-Q3", "2 调解成功率 2026-Q3", "3 司法确认 2026-Q3", "3-1 待申请司法确认 2026-Q3", "4 超期未结案件 2026-Q3",
      "4-1 超期案件清单 2026-Q3", "5 履行承诺 2026-Q3", "5-1 逾期未兑现承诺 2026-Q3", "6 重复纠纷 2026-Q3", "7 被申请机关 2026-Q3",
    ]);
    for (const locale of ["zh-CN", "en"] as const) {
      for (const g of digestLayout(bigDigest(), locale)) {
        expect(g.name.length).toBeLessThanOrEqual(31);
        expect(g.name).not.toMatch(/[[\]:*?/\\]/);
      }
    }
    expect(new Set(grids.map((g) => g.name)).size).toBe(grids.length);
    expect(digestSheetName("confirmation", "2026-05", "en")).toBe("3 Confirmation 2026-05");
  });

  it("puts the period and the as-of day as forms write them, the time made in Beijing time said once, and the list of sheets on the contents sheet", () => {
    const cover = grids[0];
    expect(cover.rows[0][0].v).toBe("府院联席会议材料（2026年第三季度）");
    expect(texts(cover.rows[2]).slice(0, 2)).toEqual(["统计期间", "2026年第三季度"]);
    expect(texts(cover.rows[3]).slice(0, 2)).toEqual(["统计截至", "2026年10月15日"]);
    // generatedAt is 01:30 UTC: 09:30 in Beijing.
    expect(texts(cover.rows[4]).slice(0, 2)).toEqual(["生成时间", "2026年10月15日 09:30"]);
    const listed = cover.rows.filter((r) => typeof r[0]?.v === "number").map((r) => `${r[1].v} 2026-Q3`);
    expect(listed).toEqual(grids.slice(1).map((g) => g.name));
    expect(allText(cover)).toContain("姓氏加“某”");
    const said = grids.flatMap((g) => g.rows.flatMap((r) => r.map((c) => c.v))).filter((v) => v === TIME_ZONE_NOTE.zh);
    expect(said).toHaveLength(1);
  });

  it("writes the office's 填报单位, 联系人 and 联系电话 on the contents sheet, or lines to fill in by hand", () => {
    const office = digestLayout(d, "zh-CN", { office: { filingUnit: "泉港区行政争议调解中心", contact: "林某", phone: "0595-87654321" } })[0];
    expect(texts(office.rows[1]).slice(0, 2)).toEqual(["填报单位", "泉港区行政争议调解中心"]);
    expect(texts(office.rows[5]).slice(0, 2)).toEqual(["联系人", "林某"]);
    expect(texts(office.rows[6]).slice(0, 2)).toEqual(["联系电话", "0595-87654321"]);
    expect(String(grids[0].rows[1][1].v)).toMatch(/^＿+（盖章）$/);
  });

  it("tells the court liaison on the contents sheet that its case lists name only court cases, and nobody else", () => {
    const note = "案件清单（3-1、4-1、5-1、6）只列法院委派、委托、诉讼阶段及司法确认案件";
    expect(allText(digestLayout({ ...d, caseLists: "court" }, "zh-CN")[0])).toContain(note);
    expect(allText(grids[0])).not.toContain(note);
  });

  it("judges each success rate with the rankings' one judgment: 75 % against 80 % on 4 cases is 低于目标（差异不显著）, not red; red only for 未达标", () => {
    const g = sheet(grids, "2");
    const at = rowStarting(g, "单位");
    const judgmentCol = texts(g.rows[at]).indexOf("判定");
    for (const u of d.success.units) {
      const row = g.rows.find((r) => r[0]?.v === u.unit)!;
      const j = judge(u, d.settings.successTarget);
      expect(row[judgmentCol].v, u.unit).toBe(JUDGMENT_TEXT[j].zh);
      expect(row[judgmentCol].style === "miss", u.unit).toBe(j === "missed");
      expect(row[4].style === "miss", u.unit).toBe(j === "missed");
    }
    const shanyao = g.rows.find((r) => r[0]?.v === "山腰街道")!;
    expect(texts(shanyao)).toEqual(["山腰街道", "镇（街道）", 3, 4, 0.75, 0.3006, 0.9544, "低于目标（差异不显著）"]);
    const tuling = g.rows.find((r) => r[0]?.v === "涂岭镇")!;
    expect(tuling[judgmentCol].v).toBe("未达标");
    expect(allText(g)).toContain(JUDGMENT_NOTE.zh);
    expect(allText(g)).not.toMatch(/明显低于目标|与目标无明显差别/);
    expect(texts(g.rows.find((r) => r[0]?.v === "全区")).slice(2)).toEqual([6, 9, 6 / 9, 0.3542, 0.8794, "低于目标（差异不显著）"]);
    expect(texts(g.rows.find((r) => r[0]?.v === "其中：本期办结的法院委派委托案件")).slice(2, 4)).toEqual([1, 2]);
  });

  it("writes rates and their interval as numbers formatted as percentages, and charts the units' rates in percent", () => {
    const g = sheet(grids, "2");
    const top = rowStarting(g, "单位");
    const tuling = g.rows.find((r) => r[0]?.v === "涂岭镇")!;
    for (const c of tuling.slice(4, 7)) expect(c.format).toBe("0.0%");
    const chart = g.charts![0];
    expect(chart).toMatchObject({ kind: "bar", valueFormat: "0%", firstValueCol: 4, lastValueCol: 4, headerRow: top, firstRow: top + 1, lastRow: top + 4 });
  });

  it("counts court-referred cases received in the period by unit, the total and the same total by source in one table, columns of zeros left out and said so", () => {
    const g = sheet(grids, "1");
    const top = rowStarting(g, "单位");
    expect(texts(g.rows[top])).toEqual(["单位", "本期新收", "不予受理", "调解成功", "调解不成", "撤回", "移送裁判"]);
    expect(texts(g.rows[top + 2])).toEqual(["山腰街道", 3, 1, 1, 1, 0, 0]);
    expect(texts(g.rows[top + 4])).toEqual(["合计", 5, 1, 1, 1, 1, 1]);
    expect(texts(g.rows[top + 5])).toEqual(["其中：法院委派（诉前）", 2, 1, 1, 0, 0, 0]);
    expect(texts(g.rows[top + 7])[0]).toBe("其中：其他来源（立案/审判/执行阶段）");
    expect(allText(g)).toContain("调解中、终止本期均为 0 件，未列出。");
    expect(allText(g)).toContain("本期新收的法院相关案件 5 件");
    expect(allText(g)).toContain("不含仅申请司法确认的案件");
    expect(g.headerRows).toEqual({ first: top, last: top });
    // How each unit's cases ended are parts of its total: stacked, the total column (本期新收) left out of the chart.
    expect(g.charts).toEqual([expect.objectContaining({ kind: "stackedBar", headerRow: top, firstRow: top + 1, lastRow: top + 3, labelCol: 0, firstValueCol: 2, lastValueCol: 6, seriesIn: "columns" })]);
  });

  it("says above the overdue list how many it lists and how many the district has, so the total and the list never contradict", () => {
    const district = sheet(grids, "4-1");
    expect(allText(district)).toContain("超期案件清单：全区超期未结 3 件，全部列出，超期最久的在前。");
    const c = sampleDigest();
    c.caseLists = "court";
    c.overdue.units = [{ unit: "山腰街道", kind: "town", open: 30, overdue: 24 }];
    c.overdue.cases = c.overdue.cases.slice(0, 2);
    const court = digestLayout(c, "zh-CN");
    expect(allText(sheet(court, "4-1"))).toContain("超期案件清单：仅列出法院相关案件 2 件；全区超期未结 24 件（见“4 超期未结案件”）。");
    const byUnit = sheet(court, "4");
    expect(allText(byUnit)).toContain("全区全部案件：截至 2026年10月15日 仍在调解的 30 件，其中已超过办理期限的 24 件（不限本期收案）。“4-1 超期案件清单”仅列出其中的法院相关案件 2 件。");
    expect(texts(byUnit.rows.find((r) => r[0]?.v === "合计"))).toEqual(["合计", 30, 24]);
  });

  it("says in the court liaison's lists how many they list and how many the district has, and why a list is empty", () => {
    const c = sampleDigest();
    c.caseLists = "court";
    c.commitments.total.overdue = 4;
    const court = digestLayout({ ...c, repeats: { ...c.repeats, cases: [], total: 2, afterCourt: 0 } }, "zh-CN");
    expect(allText(sheet(court, "6"))).toContain("本期重复纠纷 2 件，均不涉及法院相关案件，本表不列出。");
    expect(allText(sheet(court, "6"))).toContain("本表仅列出本案或前案为法院相关案件的 0 件。");
    expect(allText(sheet(court, "5-1"))).toContain("仅列出法院相关案件 1 项；全区逾期未兑现 4 项");
    expect(allText(sheet(court, "3-1"))).toContain("仅列出法院相关案件 2 件");
    const none = digestLayout({ ...d, repeats: { ...d.repeats, cases: [], total: 0, afterCourt: 0 } }, "zh-CN");
    expect(allText(sheet(none, "6"))).toContain("本期没有重复纠纷。");
  });

  it("lists the confirmation windows still open, the days left red within the warning days", () => {
    const g = sheet(grids, "3-1");
    const d2 = g.rows.find((r) => r[1]?.v === "D2")!;
    expect(texts(d2)).toEqual(["区人社局", "D2", "2026年9月20日", "2026年10月20日", 5, "区人社局", "劳动人事争议", "否"]);
    expect(d2[4].style).toBe("miss");
    expect(g.rows.find((r) => r[1]?.v === "A4")![4].style).toBe("cell");
    expect(texts(sheet(grids, "3").rows.find((r) => r[0]?.v === "合计"))).toEqual(["合计", 5, 2, 2, 1, 0.4]);
  });

  it("lists overdue cases and overdue commitments with what was promised", () => {
    const overdue = sheet(grids, "4-1");
    const listHeader = rowStarting(overdue, "单位");
    expect(texts(overdue.rows[listHeader + 1])).toEqual(["区人社局", "D4", "2026年5月26日", "当事人申请", "诉前", "劳动人事争议", "区人社局", 30, "2026年6月25日", 112]);
    expect(overdue.headerRows).toEqual({ first: listHeader, last: listHeader });
    expect(allText(sheet(grids, "5"))).toContain("兑现期限在本期的承诺 3 项（全区全部案件）：按期兑现 1 项（33.3%，95%区间 6.2%–79.2%）");
    expect(texts(sheet(grids, "5-1").rows.find((r) => r[1]?.v === "A5"))).toEqual(["山腰街道", "A5", "区人社局", "补缴社保", "2026年8月15日", 61]);
  });

  it("lists repeat disputes with masked applicants, those after a court case in red", () => {
    const g = sheet(grids, "6");
    const a6 = g.rows.find((r) => r[1]?.v === "A6")!;
    expect(texts(a6)).toEqual(["山腰街道", "A6", "2026年9月10日", "王某", "区住建局", "劳动人事争议", "调解中", "山腰街道", "A1", "2026年7月20日", "调解成功", "是"]);
    expect(a6[1].style).toBe("miss");
    expect(g.rows.find((r) => r[1]?.v === "B5")![1].style).toBe("cell");
  });

  it("says under a dispute listed by its latest repeats how many more there are, in the language asked", () => {
    const m = sampleDigest();
    m.repeats.cases[1].more = 40;
    for (const [locale, line] of [["zh-CN", "卫某 与 区人社局：本期另有重复纠纷 40 件，未逐件列出。"], ["en", "卫某 v 区人社局: 40 more repeat cases this period, not listed."]] as const) {
      const g = sheet(digestLayout(m, locale), "6");
      const b5 = g.rows.findIndex((r) => r[1]?.v === "B5");
      expect(g.rows[b5 + 1].map((c) => c.v)).toEqual([line]);
      expect(g.merges).toContainEqual({ row: b5 + 1, col: 0, rows: 1, cols: 12 });
    }
  });

  it("writes 前案非法院案件 where the court liaison is not given the earlier case, with its details left blank", () => {
    const m = sampleDigest();
    m.caseLists = "court";
    m.repeats.cases[1].previous = null;
    for (const [locale, said, no] of [["zh-CN", "前案非法院案件", "否"], ["en", "Earlier case not the court's", "No"]] as const) {
      const b5 = sheet(digestLayout(m, locale), "6").rows.find((r) => r[1]?.v === "B5")!;
      expect(texts(b5).slice(7)).toEqual([said, null, null, null, no]);
      expect(b5[1].style).toBe("cell");
    }
  });

  it("ranks the respondent agencies with the rest summed, charted by outcome", () => {
    const g = sheet(grids, "7");
    expect(texts(g.rows[rowStarting(g, "被申请机关")])).toEqual(["被申请机关", "本期新收", "不予受理", "调解中", "调解成功", "调解不成", "撤回", "终止", "移送裁判"]);
    expect(texts(g.rows.find((r) => r[0]?.v === "区住建局"))).toEqual(["区住建局", 8, 1, 3, 2, 1, 0, 1, 0]);
    expect(texts(g.rows.find((r) => r[0]?.v === "其他机关"))).toEqual(["其他机关", 2, 0, 0, 1, 1, 0, 0, 0]);
    expect(g.charts![0]).toMatchObject({ kind: "stackedBar", lastRow: g.charts![0].firstRow + 2 });
  });

  for (const [what, make] of [["the sample district", () => sampleDigest()], ["a district of 26 long-named units", bigDigest]] as const) {
    for (const locale of ["zh-CN", "en"] as const) {
      const gs = digestLayout(make(), locale);

      it(`charts only numbers, each bar labelled, no series without data (${what}, ${locale})`, () => {
        for (const g of gs) {
          for (const c of g.charts ?? []) {
            for (let r = c.firstRow; r <= c.lastRow; r++) {
              expect(String(g.rows[r][c.labelCol].v ?? "").trim(), `${g.name} row ${r}`).not.toBe("");
              for (let col = c.firstValueCol; col <= c.lastValueCol; col++) {
                const v = g.rows[r][col]?.v ?? null;
                expect(v === null || typeof v === "number", `${g.name} ${r},${col}: ${v}`).toBe(true);
              }
            }
            for (let col = c.firstValueCol; col <= c.lastValueCol; col++) {
              const values = Array.from({ length: c.lastRow - c.firstRow + 1 }, (_, i) => g.rows[c.firstRow + i][col]?.v);
              expect(values.some((v) => typeof v === "number" && v !== 0), `${g.name}: series ${g.rows[c.headerRow][col].v}`).toBe(true);
            }
          }
        }
      });

      it(`prints every sheet on A4 at a readable scale, its table header repeated and charts clear of the table (${what}, ${locale})`, () => {
        for (const g of gs) {
          expect(printScale(g.widths, g.page!.orientation), g.name).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
          expect(g.headerRows, g.name).toBeDefined();
          const { first, last } = g.headerRows!;
          expect(first).toBe(last);
          expect(g.rows[first].every((c) => c.style === "header"), g.name).toBe(true);
          // One table per sheet: no second header row below.
          expect(g.rows.filter((r) => r.length > 1 && r.every((c) => c.style === "header")), g.name).toHaveLength(1);
          for (const c of g.charts ?? []) {
            const lastTableRow = g.rows.findLastIndex((r) => r.length > 1);
            if (c.at.col === 0) expect(c.at.row, g.name).toBeGreaterThan(lastTableRow);
            else expect(c.at.col, g.name).toBeGreaterThan(Math.max(...g.rows.map((r) => r.length)) - 1);
          }
        }
      });

      it(`writes no code, no placeholder dash and no period label in a cell, and no English in Chinese sheets (${what}, ${locale})`, () => {
        const own = typed(make());
        for (const g of gs) {
          for (const row of g.rows) {
            for (const c of row) {
              if (typeof c.v !== "string" || own.has(c.v)) continue;
              expect(c.v, g.name).not.toMatch(/2026-Q3|\d{4}-\d{2}-\d{2}|T\d\d:\d\d|^—$|undefined|null|NaN/);
              if (locale === "zh-CN") expect(c.v, g.name).not.toMatch(/[A-Za-z]{2,}/);
            }
          }
        }
      });
    }
  }

  it("starts a chart below a long table on a new page, and writes every count as a number", () => {
    const g = sheet(digestLayout(bigDigest(), "zh-CN"), "1");
    const chart = g.charts![0];
    expect(chart.at.col).toBe(0);
    expect(g.breaksBefore).toEqual([chart.at.row]);
    const top = rowStarting(g, "单位");
    for (let r = top + 1; r <= chart.lastRow; r++) for (const c of g.rows[r].slice(1)) expect(typeof c.v).toBe("number");
  });

  it("speaks English when Office does, and says so where a section is empty", () => {
    const m = sampleDigest();
    m.repeats = { cases: [], total: 0, afterCourt: 0 };
    const en = digestLayout(m, "en");
    expect(en[0].rows[0][0].v).toBe("Joint court–government meeting digest (Q3 2026)");
    expect(texts(en[0].rows[4]).slice(0, 2)).toEqual(["Generated", "15 Oct 2026 09:30"]);
    expect(allText(en[0])).toContain(TIME_ZONE_NOTE.en);
    expect(allText(sheet(en, "6"))).toContain("No repeat disputes in this period.");
    expect(texts(en[1].rows[rowStarting(en[1], "Unit")])).toContain("Not accepted");
    expect(en[1].charts![0].title).toBe("Court-referred cases: outcomes by unit");
    expect(allText(sheet(en, "2"))).toContain("Under target (not significant)");
    expect(allText(sheet(en, "2"))).toContain(JUDGMENT_NOTE.en);
    expect(sheet(en, "6").charts).toEqual([]);
  });
});
