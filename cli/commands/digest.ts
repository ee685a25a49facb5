// `tiaojie digest --period 2026-Q3 [--as-of 2026-10-15] [--locale zh-CN|en] [--json] [--out digest.xlsx]`: the
// joint-meeting digest (府院联席会议材料) for the coordinator and the court liaison: a workbook of a contents sheet
// and the sections' sheets with native charts (ledger/reports/digest-layout.ts, the sheets the pane writes), the
// JSON, or a short summary. Chinese by default; English with --locale en.
import type { Digest, Rate } from "../../ledger/api/digest.ts";
import { digestLayout, type DigestLocale } from "../../ledger/reports/digest-layout.ts";
import { dayText, periodText } from "../../ledger/reports/form-text.ts";
import { pct } from "../../ledger/reports/grid.ts";
import { judge, JUDGMENT_TEXT, type Judgment } from "../../ledger/target-judgment.ts";
import { commandFailed } from "../lib/command-error.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { UsageError } from "../lib/options.ts";
import { reportCommand } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie digest --period 2026-Q3 [--json] [--out digest.xlsx] [--as-of 2026-10-15] [--locale zh-CN|en]
  府院联席会议材料：法院委派委托案件及结果、调解成功率、司法确认、超期案件、履行承诺、重复纠纷、被申请机关
  the joint-meeting digest: court-referred cases, success rates, judicial confirmation, overdue cases, commitments,
  repeat disputes, respondent agencies; --out writes a contents sheet and the sections' sheets, with charts
  --locale  工作表和摘要的语言，默认中文 language of the sheets and summary (zh-CN, default, or en)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; a coordinator, court liaison or assessor token)`;

/** The summary's lines in one language, each total named with what it counts, judgments in the rankings' words. */
export function digestText(d: Digest, locale: DigestLocale = "zh-CN"): string {
  const en = locale === "en";
  const t = (zh: string, e: string) => (en ? e : zh);
  const target = d.settings.successTarget;
  const said = (j: Judgment) => (en ? JUDGMENT_TEXT[j].en : JUDGMENT_TEXT[j].zh);
  const rate = (r: Rate) => (r.rate === null
    ? t("本期无办结案件", "no cases concluded")
    : `${r.num}/${r.den} = ${pct(r.rate)}${t("（95%区间 ", " (95% interval ")}${pct(r.low)}–${pct(r.high)}${t("），", "), ")}${said(judge(r, target))}`);
  const c = d.courtReferred.total;
  const k = d.confirmation.total;
  const m = d.commitments.total;
  const urgent = d.confirmation.closing.filter((x) => x.urgent).length;
  const overdueAll = d.overdue.units.reduce((n, u) => n + u.overdue, 0);
  const court = d.caseLists === "court";
  const unitsJudged = (j: Judgment) => d.success.units.filter((u) => judge(u, target) === j);
  const lines = [
    t(`府院联席会议材料（${periodText(d.period)}，统计截至 ${dayText(d.asOf)}）`, `Joint-meeting digest (${periodText(d.period, "en")}, as of ${dayText(d.asOf, "en")})`),
    t(`1 本期新收的法院委派委托及诉讼阶段案件 ${c.received} 件：调解成功 ${c.success}，调解不成 ${c.failed}，调解中 ${c.open}，撤回 ${c.withdrawn}，终止 ${c.terminated}，移送裁判 ${c.referredToTrial}，不予受理 ${c.notAccepted}`,
      `1 Court-referred cases received in the period: ${c.received}; success ${c.success}, failed ${c.failed}, open ${c.open}, withdrawn ${c.withdrawn}, terminated ${c.terminated}, to trial ${c.referredToTrial}, not accepted ${c.notAccepted}`),
    t(`2 调解成功率（本期办结，目标 ${pct(target)}）：全区 ${rate(d.success.district)}；其中法院委派委托 ${rate(d.success.courtReferred)}`,
      `2 Success rate (concluded in the period, target ${pct(target)}): district ${rate(d.success.district)}; court-referred ${rate(d.success.courtReferred)}`),
    ...(["missed", "below"] as const).flatMap((j) => unitsJudged(j).map((u) => `  ${said(j)}${t("：", ": ")}${u.unit} ${rate(u)}`)),
    t(`3 司法确认（本期达成的协议）：协议 ${k.agreements}，已申请 ${k.applied}，期限内未申请 ${k.windowOpen}，逾期未申请 ${k.lapsed}；截至统计日期限未届满的 ${d.confirmation.closing.length} 件${court ? "（法院相关案件）" : ""}，其中 ${urgent} 件不足 ${d.settings.confirmationWarnDays} 日`,
      `3 Judicial confirmation (agreements of the period): ${k.agreements} agreements, ${k.applied} applied, ${k.windowOpen} window open, ${k.lapsed} lapsed; ${d.confirmation.closing.length} windows open on the as-of day${court ? " (court cases)" : ""}, ${urgent} with ${d.settings.confirmationWarnDays} days or fewer`),
    court
      ? t(`4 超期未结：全区 ${overdueAll} 件，其中法院相关案件 ${d.overdue.cases.length} 件`, `4 Overdue open cases: ${overdueAll} in the district, ${d.overdue.cases.length} of them court cases`)
      : t(`4 超期未结：全区 ${overdueAll} 件`, `4 Overdue open cases: ${overdueAll} in the district`),
    t(`5 履行承诺（兑现期限在本期）：到期 ${m.due}，按期兑现 ${m.kept}，逾期兑现 ${m.keptLate}，逾期未兑现 ${m.overdue}，未到期 ${m.pending}`,
      `5 Commitments due in the period: ${m.due}; kept ${m.kept}, kept late ${m.keptLate}, overdue ${m.overdue}, not yet due ${m.pending}`),
    t(`6 重复纠纷（本期新收）：${d.repeats.total} 件，其中前案为法院案件 ${d.repeats.afterCourt} 件`, `6 Repeat disputes received in the period: ${d.repeats.total}, ${d.repeats.afterCourt} after a court case`),
    t(`7 被申请机关（本期新收）：${d.respondents.agencies} 个；${d.respondents.top.slice(0, 3).map((a) => `${a.respondent} ${a.received} 件`).join("，") || "无"}`,
      `7 Respondent agencies (received in the period): ${d.respondents.agencies}; ${d.respondents.top.slice(0, 3).map((a) => `${a.respondent} ${a.received}`).join(", ") || "none"}`),
  ];
  return lines.join("\n") + "\n";
}

const command = (locale: DigestLocale) => reportCommand<Digest>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.digest(period.label, asOf),
  text: (d) => digestText(d, locale),
  workbook: { write: (d, file, o) => writeGridWorkbook(digestLayout(d, locale, { office: o.office }), file), wrote: (d) => `${digestLayout(d, locale).length} 张工作表 sheets` },
});

/** --locale is this command's own; the rest of the options are every report's (cli/lib/report-command.ts). */
export async function run(args: string[]): Promise<number> {
  const at = args.findIndex((a) => a === "--locale" || a.startsWith("--locale="));
  if (at < 0) return command("zh-CN")(args);
  const value = args[at].includes("=") ? args[at].slice(args[at].indexOf("=") + 1) : args[at + 1];
  if (value !== "zh-CN" && value !== "en") return commandFailed(new UsageError("--locale 须为 must be zh-CN|en"), USAGE);
  const rest = args.filter((_, i) => i !== at && !(i === at + 1 && !args[at].includes("=")));
  return command(value)(rest);
}
