// `tiaojie rankings --period 2026-Q3 [--json] [--out rankings.xlsx]`: the assessment office's ranking table.
import ExcelJS from "exceljs";
import { INDICATOR_KEYS, INDICATORS } from "../../ledger/api/indicators.ts";
import type { Rankings } from "../../ledger/api/assessment.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import { reportCommand } from "../lib/report-command.ts";
import { addGridSheet } from "../lib/grid-sheet.ts";
import { rankingsLayout } from "../../ledger/reports/rankings-layout.ts";
import { periodText } from "../../ledger/reports/form-text.ts";
import { judge, JUDGMENT_TEXT, type Judgment } from "../../ledger/target-judgment.ts";
import type { Locale } from "../../ledger/messages.ts";

export const USAGE = `用法 Usage: tiaojie rankings --period 2026-Q3 [--json] [--out rankings.xlsx] [--as-of 2026-10-01] [--locale en]
  --locale en  英文工作表 write the sheets and text in English (default: Chinese)
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

/**
 * The rankings workbook (ledger/reports/rankings-layout.ts, the sheets the task pane writes): per kind a summary and
 * its detail, each on A4 — in Chinese, or English with --locale en.
 */
export function rankingsWorkbook(r: RankingsResponse, locale: Locale = "zh-CN"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const grid of rankingsLayout(r, locale)) addGridSheet(wb, grid);
  return wb;
}

const KIND_TEXT = { town: { zh: "镇（街道）", en: "Towns/streets" }, department: { zh: "区直部门", en: "Departments" } } as const;

/**
 * A few lines per unit: rank, score, name, and the indicators judged below target in the judgment's own words
 * (ledger/target-judgment.ts), so the terminal says what the sheets and the flags say.
 */
export function rankingsText(r: RankingsResponse, locale: Locale = "zh-CN"): string {
  const en = locale === "en";
  const out: string[] = [];
  for (const kind of ["town", "department"] as const) {
    const units = r.units.filter((u) => u.kind === kind);
    if (units.length === 0) continue;
    out.push(`\n${KIND_TEXT[kind][en ? "en" : "zh"]} — ${periodText(r.period, locale)}\n`);
    for (const u of units) {
      const judged = (j: Judgment) => INDICATOR_KEYS.filter((k) => judge(u.indicators[k], u.indicators[k].target) === j).map((k) => (en ? INDICATORS[k].en : INDICATORS[k].zh));
      const said = (["missed", "below"] as const).map((j) => [JUDGMENT_TEXT[j][en ? "en" : "zh"], judged(j)] as const)
        .filter(([, ks]) => ks.length > 0).map(([words, ks]) => `${words}${en ? ": " : "："}${ks.join(en ? ", " : "、")}`);
      const rank = u.rank ?? (en ? "—" : "未参评");
      out.push(`${String(rank).padStart(3)}  ${String(u.score ?? "—").padStart(5)}  ${u.unit}${said.length ? `  ${said.join(en ? "; " : "；")}` : ""}\n`);
    }
  }
  return out.join("");
}

export const run = reportCommand<RankingsResponse>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.request<RankingsResponse>("GET", PATHS.rankings(period.label, asOf)),
  json: rankingsJson,
  text: (r, o) => rankingsText(r, o.locale),
  workbook: {
    build: (r, o) => rankingsWorkbook(r, o.locale),
    wrote: (r, o) => (o.locale === "en" ? `${r.units.length} units` : `${r.units.length} 个单位`),
  },
});
