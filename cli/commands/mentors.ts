// `tiaojie mentors --period 2026-Q3 [--compute] [--json] [--out FILE.xlsx]`: the mentor programme's assignments
// (金牌调解员巡回导师团): complex cases, town visits and star pairings, each with its reason.
import type { MentorAssignments } from "../../ledger/api/mentors.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { dayText, periodText } from "../../ledger/reports/form-text.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { MENTOR_KIND_TEXT, mentorsLayout } from "../../ledger/reports/mentors-layout.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { parseOptions } from "../lib/options.ts";
import { periodOption } from "../lib/period-options.ts";
import { localeOption, type ReportOutput } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie mentors --period 2026-Q3 [--compute] [--json] [--out mentors.xlsx] [--locale zh-CN|en]
  --compute  先按当前名册和台账重新计算本期安排（仅协调员） recompute the period first (coordinator only)
  --locale en  工作表和输出用英文 the sheet and the text in English (default: Chinese)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; a coordinator token sees all, a clerk token their unit)`;

type Kind = MentorAssignments["assignments"][number]["kind"];
type Target = MentorAssignments["assignments"][number]["target"];
/** GET/POST /api/mentors/assignments as the contract describes it. */
export type MentorsResponse = MentorAssignments;

const KINDS: Kind[] = ["case", "visit", "pairing"];

const targetText = (kind: Kind, t: Target, en: boolean) =>
  kind === "case" ? `${t.unit ?? ""} ${t.caseNo}` : kind === "visit" ? t.name : `${t.name}${t.unit ? (en ? ` (${t.unit})` : `（${t.unit}）`) : ""}`;

/** One printable sheet (ledger/reports/mentors-layout.ts, the sheet the pane writes too). */
export function mentorsGrids(r: MentorsResponse, o: ReportOutput): Grid[] {
  return [mentorsLayout(r, o.locale, { filedOn: o.filedOn, office: o.office })];
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseOptions(args, {
      period: { type: "string" },
      compute: { type: "boolean" },
      json: { type: "boolean" },
      out: { type: "string" },
      locale: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
    });
    const period = periodOption(values.period).label;
    const output: ReportOutput = { locale: localeOption(values.locale), filedOn: todayInChina() };
    const en = output.locale === "en";
    const c = connection(values);
    const client = createClient(c.url, c.token);
    const q = `/api/mentors/assignments?period=${encodeURIComponent(period)}`;
    const r = values.compute ? await client.request<MentorsResponse>("POST", q) : await client.request<MentorsResponse>("GET", q);
    if (values.out) {
      await writeGridWorkbook(mentorsGrids(r, output), values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${r.assignments.length} 项安排 assignments）\n`);
    }
    if (values.json) {
      process.stdout.write(JSON.stringify(r) + "\n");
      return 0;
    }
    if (values.out) return 0;
    process.stdout.write(en
      ? `Mentor assignments ${periodText(r.period, "en")}${r.scope ? ` (${r.scope})` : ""}, as of ${dayText(r.asOf, "en")}\n`
      : `导师安排 ${periodText(r.period)}${r.scope ? `（${r.scope}）` : ""}，统计截至 ${dayText(r.asOf)}\n`);
    for (const kind of KINDS) {
      const list = r.assignments.filter((a) => a.kind === kind);
      if (list.length === 0) continue;
      process.stdout.write(`\n${MENTOR_KIND_TEXT[kind][en ? "en" : "zh"]}\n`);
      for (const a of list) {
        process.stdout.write(`  ${targetText(kind, a.target, en)}${kind === "visit" ? ` #${a.slot}` : ""} ← ${a.mentor.name}${a.mentor.unit ? `（${a.mentor.unit}）` : ""}  ${en ? a.reason.en : a.reason.zh}\n`);
      }
    }
    if (r.unassigned.length > 0) {
      process.stdout.write(en ? "\nNot covered\n" : "\n未能安排\n");
      for (const u of r.unassigned) process.stdout.write(`  ✗ ${MENTOR_KIND_TEXT[u.kind][en ? "en" : "zh"]} ${targetText(u.kind, u.target, en)}  ${en ? u.reason.en : u.reason.zh}\n`);
    }
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
