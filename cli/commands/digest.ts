// `tiaojie digest --period 2026-Q3 [--as-of 2026-10-15] [--json] [--out digest.xlsx]`: the joint-meeting digest
// (府院联席会议材料) for the coordinator and the court liaison: a workbook of a contents sheet and a sheet per section
// with native charts (ledger/reports/digest-layout.ts, the sheets the pane writes), the JSON, or a short summary.
import type { Digest, Rate } from "../../ledger/api/digest.ts";
import { digestLayout } from "../../ledger/reports/digest-layout.ts";
import { pct } from "../../ledger/reports/grid.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { reportCommand } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie digest --period 2026-Q3 [--json] [--out digest.xlsx] [--as-of 2026-10-15]
  府院联席会议材料：法院委派委托案件及结果、调解成功率、司法确认、超期案件、履行承诺、重复纠纷、被申请机关
  the joint-meeting digest: court-referred cases, success rates, judicial confirmation, overdue cases, commitments,
  repeat disputes, respondent agencies; --out writes a contents sheet and one sheet per section, with charts
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; a coordinator, court liaison or assessor token)`;

const rate = (r: Rate) => (r.rate === null ? "—" : `${r.num}/${r.den} = ${pct(r.rate)}（95% ${pct(r.low)}–${pct(r.high)}）`);

function digestText(d: Digest): string {
  const c = d.courtReferred.total;
  const k = d.confirmation.total;
  const m = d.commitments.total;
  const urgent = d.confirmation.closing.filter((x) => x.urgent).length;
  const lines = [
    `府院联席会议材料 Joint-meeting digest ${d.period}（统计截至 as of ${d.asOf}）`,
    `1 法院委派委托 court-referred: 收案 ${c.received}，调解成功 ${c.success}，调解不成 ${c.failed}，调解中 ${c.open}，撤回 ${c.withdrawn}，终止 ${c.terminated}，移送裁判 ${c.referredToTrial}，不予受理 ${c.notAccepted}`,
    `2 调解成功率 success: 全区 district ${rate(d.success.district)}；法院委派委托 court-referred ${rate(d.success.courtReferred)}`,
    ...d.success.units.filter((u) => u.belowTarget).map((u) => `  明显低于目标 clearly below target: ${u.unit} ${rate(u)}`),
    `3 司法确认 confirmation: 协议 ${k.agreements}，已申请 ${k.applied}，期限内未申请 ${k.windowOpen}，逾期未申请 ${k.lapsed}；期限未届满 open windows ${d.confirmation.closing.length}（${urgent} 件不足 ${d.settings.confirmationWarnDays} 日 urgent）`,
    `4 超期未结 overdue: ${d.overdue.cases.length} 件 cases`,
    `5 履行承诺 commitments: 到期 ${m.due}，按期兑现 ${m.kept}，逾期兑现 ${m.keptLate}，逾期未兑现 ${m.overdue}，未到期 ${m.pending}`,
    `6 重复纠纷 repeat disputes: ${d.repeats.total} 件，其中前案为法院案件 ${d.repeats.afterCourt} 件 after a court case`,
    `7 被申请机关 respondent agencies: ${d.respondents.agencies} 个；${d.respondents.top.slice(0, 3).map((a) => `${a.respondent} ${a.received}`).join("，") || "—"}`,
  ];
  return lines.join("\n") + "\n";
}

export const run = reportCommand<Digest>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.digest(period.label, asOf),
  text: digestText,
  // Chinese sheets: the meeting's papers are Chinese, and two-line bilingual headers would crowd the charts' legends.
  workbook: { write: (d, file) => writeGridWorkbook(digestLayout(d, "zh-CN"), file), wrote: () => `8 张工作表 sheets` },
});
