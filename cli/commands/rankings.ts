// `tiaojie rankings --period 2026-Q3 [--json] [--out rankings.xlsx]`: the assessment office's ranking table.
import ExcelJS from "exceljs";
import { INDICATOR_KEYS, INDICATORS, type IndicatorKey } from "../../ledger/api/indicators.ts";
import type { RankedUnit, Rankings } from "../../ledger/api/assessment.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import { fitColumnWidths } from "../lib/sheet-fit.ts";
import { reportCommand } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie rankings --period 2026-Q3 [--json] [--out rankings.xlsx] [--as-of 2026-10-01]
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

/** GET /api/rankings as the contract describes it. */
export type RankingsResponse = Rankings;

const round = (x: number | null, d: number) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The --json shape: per unit its rank, score and every indicator with its counts, interval, target and points. */
export function rankingsJson(r: RankingsResponse) {
  return {
    period: r.period,
    asOf: r.asOf,
    method: r.method,
    weights: r.weights,
    units: r.units.map((u) => ({
      unit: u.unit,
      kind: u.kind,
      rank: u.rank,
      score: u.score,
      indicators: Object.fromEntries(
        INDICATOR_KEYS.map((k) => {
          const i = u.indicators[k];
          return [k, { num: i.num, den: i.den, rate: round(i.rate, 4), low: round(i.low, 4), high: round(i.high, 4), meetsTarget: i.meetsTarget, weight: i.weight, points: i.points }];
        }),
      ),
      missing: u.missing,
    })),
  };
}

const KIND_ZH = { town: "镇（街道）", department: "区直部门" } as const;
const METHOD_ZH = { "wilson-lower": "按 95% Wilson 区间下限计分（小样本不占便宜）", shrinkage: "按向全区均值收缩后的比率计分" } as const;
const MISS_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const thin: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };

/** A printable sheet: title, period, one table per kind, target misses in red, points per indicator. */
export function rankingsWorkbook(r: RankingsResponse): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`考评排名 ${r.period}`, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页 Page &P of &N" },
  });
  const shown = INDICATOR_KEYS.filter((k) => r.weights[k] > 0 || k === "preSuit");
  const cols = 4 + shown.length * 2;
  ws.columns = [{ width: 12 }, { width: 7 }, { width: 18 }, { width: 9 }, ...shown.flatMap(() => [{ width: 16 }, { width: 8 }])];

  ws.mergeCells(1, 1, 1, cols);
  const title = ws.getCell(1, 1);
  title.value = `行政争议调解工作考评排名（${r.period}） Mediation assessment rankings ${r.period}`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, cols);
  const weights = shown.map((k) => `${INDICATORS[k].zh} ${r.weights[k]}`).join("、");
  ws.getCell(2, 1).value = `考评期间 Period：${r.period}　统计截至 As of：${r.asOf}　权重 Weights：${weights}（${r.weightsSource === "period" ? "本期设定" : "默认"}）　${METHOD_ZH[r.method]}`;
  ws.getCell(2, 1).alignment = { horizontal: "center", wrapText: true };
  ws.getRow(2).height = 30;

  const header = ["类别 Kind", "排名 Rank", "单位 Unit", "得分 Score", ...shown.flatMap((k) => [`${INDICATORS[k].zh}\n（数/基数）`, "得分 Pts"])];
  const headerRow = ws.getRow(4);
  headerRow.values = header;
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  headerRow.height = 32;
  headerRow.eachCell((c) => {
    c.fill = HEAD_FILL;
    c.border = thin;
  });
  ws.views = [{ state: "frozen", ySplit: 4 }];
  ws.pageSetup.printTitlesRow = "4:4";

  let n = 5;
  for (const u of r.units) {
    const row = ws.getRow(n++);
    row.values = [
      KIND_ZH[u.kind], u.rank ?? "未参评", u.unit, u.score ?? "—",
      ...shown.flatMap((k) => {
        const i = u.indicators[k];
        const cell = i.rate == null ? "无数据 n/a" : `${(i.rate * 100).toFixed(1)}%（${round(i.num, 1)}/${round(i.den, 1)}）`;
        return [cell, i.rate == null ? "—" : round(i.points, 1)];
      }),
    ];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = thin;
      if (col !== 3) c.alignment = { horizontal: "center" };
    });
    shown.forEach((k, idx) => {
      if (u.indicators[k].meetsTarget === false) {
        const cell = row.getCell(5 + idx * 2);
        cell.fill = MISS_FILL;
        cell.font = { color: { argb: "FF9C0006" }, bold: true };
      }
    });
  }
  n++;
  const notes = [
    "说明 Notes：红色为未达目标（受理率 ≥ 97%，调解成功率 ≥ 80%）。Red: target missed (acceptance ≥ 97 %, success ≥ 80 %).",
    "各项得分 = 权重 ×（95% 区间下限）；某项无数据时其权重按比例分给其余各项。Points = weight × lower 95 % bound; a missing indicator's weight goes to the others.",
    "同分同名次，其后名次顺延（1、2、2、4）。Equal scores share a rank (1, 2, 2, 4).",
  ];
  for (const t of notes) {
    ws.mergeCells(n, 1, n, cols);
    ws.getCell(n, 1).value = t;
    ws.getCell(n, 1).font = { size: 9, italic: true };
    n++;
  }
  // From the header down: the figures and the unit names decide the widths, not the title or the notes.
  fitColumnWidths(ws, { fromRow: 4, min: 7, max: 40 });
  return wb;
}

function rankingsText(r: RankingsResponse): string {
  const out: string[] = [];
  for (const kind of ["town", "department"] as const) {
    const units = r.units.filter((u) => u.kind === kind);
    if (units.length === 0) continue;
    out.push(`\n${KIND_ZH[kind]} ${kind === "town" ? "Towns/streets" : "Departments"} — ${r.period}\n`);
    for (const u of units) {
      const misses = INDICATOR_KEYS.filter((k) => u.indicators[k].meetsTarget === false).map((k) => INDICATORS[k].zh);
      out.push(`${String(u.rank ?? "-").padStart(3)}  ${String(u.score ?? "—").padStart(5)}  ${u.unit}${misses.length ? `  未达标 missed: ${misses.join("、")}` : ""}\n`);
    }
  }
  return out.join("");
}

export const run = reportCommand<RankingsResponse>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.request<RankingsResponse>("GET", PATHS.rankings(period.label, asOf)),
  json: rankingsJson,
  text: rankingsText,
  workbook: { build: rankingsWorkbook, wrote: (r) => `${r.units.length} 个单位 units` },
});
