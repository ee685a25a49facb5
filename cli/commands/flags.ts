// `tiaojie flags [--unit U] [--severity high|medium|low] [--code CODE] [--due-within N] [--json]`: what needs attention.
import type { Flags } from "../../ledger/api/flags.ts";
import { FLAG_CODES, FLAG_SEVERITIES, MAX_DUE_WITHIN_DAYS } from "../../ledger/api/flags.ts";
import { connection, createClient } from "../lib/client.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { commandFailed } from "../lib/command-error.ts";

export const USAGE = `用法 Usage: tiaojie flags [--unit 单位] [--severity high|medium|low] [--code CODE] [--scope case|unit] [--due-within 天数 DAYS] [--period 2026-Q3] [--locale zh-CN|en] [--json]
  codes: ${FLAG_CODES.join(", ")}
  --due-within N: only open cases whose time limit (调解期限) runs out within N days (0 = today, up to ${MAX_DUE_WITHIN_DAYS})
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; a clerk sees their own unit, a coordinator every unit)`;

/** GET /api/flags as the contract describes it. */
export type FlagsResponse = Flags;

const SEVERITY_LABEL = { high: "高 HIGH", medium: "中 MED ", low: "低 LOW " } as const;

/** One line per flag: severity, unit, case, message. */
export function formatFlags(r: FlagsResponse, locale: "zh-CN" | "en" = "zh-CN"): string {
  const lines = r.flags.map((f) => `${SEVERITY_LABEL[f.severity]}  ${f.unit}  ${f.caseNo ?? "（单位 unit）"}  ${locale === "en" ? f.message.en : f.message.zh}  [${f.code}]`);
  // One dispute's repeats are listed as its latest few lines, the latest saying how many more (facts.more); the
  // counts are of every flag.
  const total = r.counts.high + r.counts.medium + r.counts.low;
  const unlisted = total > r.flags.length
    ? `；列出 ${r.flags.length} 条，同一纠纷的其余 ${total - r.flags.length} 条计入各条说明 (${r.flags.length} listed, ${total - r.flags.length} more of the same disputes told in their lines)`
    : "";
  const head = `预警 Flags as of ${r.asOf}（单位指标期间 unit period ${r.period}）：高 ${r.counts.high} · 中 ${r.counts.medium} · 低 ${r.counts.low}${unlisted}`;
  return [head, ...(lines.length ? lines : ["（没有预警 no flags）"])].join("\n") + "\n";
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseOptions(args, {
      unit: { type: "string" },
      severity: { type: "string" },
      code: { type: "string" },
      scope: { type: "string" },
      "due-within": { type: "string" },
      period: { type: "string" },
      locale: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (values.severity && !(FLAG_SEVERITIES as readonly string[]).includes(values.severity)) throw new UsageError(`--severity 须为 must be one of ${FLAG_SEVERITIES.join("|")}`);
    if (values.code && !(FLAG_CODES as readonly string[]).includes(values.code)) throw new UsageError(`未知预警代码 Unknown flag code: ${values.code}`);
    if (values.scope && values.scope !== "case" && values.scope !== "unit") throw new UsageError("--scope 须为 must be case|unit");
    const due = values["due-within"];
    if (due !== undefined && (!/^\d{1,4}$/.test(due) || Number(due) > MAX_DUE_WITHIN_DAYS)) {
      throw new UsageError(`--due-within 须为 0–${MAX_DUE_WITHIN_DAYS} 的整数天数 must be a whole number of days from 0 to ${MAX_DUE_WITHIN_DAYS}: ${due}`);
    }
    if (values.locale && values.locale !== "zh-CN" && values.locale !== "en") throw new UsageError("--locale 须为 must be zh-CN|en");
    const c = connection(values);
    const client = createClient(c.url, c.token);
    const q = new URLSearchParams();
    for (const k of ["unit", "severity", "code", "scope", "period"] as const) if (values[k]) q.set(k, values[k]!);
    if (due !== undefined) q.set("dueWithinDays", String(Number(due)));
    const r = await client.request<FlagsResponse>("GET", `/api/flags${q.size ? `?${q}` : ""}`);
    process.stdout.write(values.json ? JSON.stringify(r) + "\n" : formatFlags(r, (values.locale as "zh-CN" | "en" | undefined) ?? "zh-CN"));
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
