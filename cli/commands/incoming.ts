// `tiaojie incoming [--pending] [--json]`: a clerk's cases transferred to their unit (转入案件) and whether signed for.
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { parseOptions, UsageError } from "../lib/options.ts";

export const USAGE = `用法 Usage: tiaojie incoming [--pending] [--locale zh-CN|en] [--json] [--url URL] [--token TOKEN]
  列出转交本单位的案件及签收情况（台账员令牌） Lists the cases transferred to your unit and their receipt (clerk token).
  --pending  只列未签收的 only those not yet received
  --json     {"cases": [{"caseNo", "from", "lead", "assist", "transferredAt", "receivedAt"}]}`;

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      pending: { type: "boolean" },
      locale: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`多余的参数 Unexpected argument: ${positionals[0]}`);
    if (values.locale && values.locale !== "zh-CN" && values.locale !== "en") throw new UsageError("--locale 须为 must be zh-CN|en");
    const en = values.locale === "en";
    const c = connection(values);
    const r = await createClient(c.url, c.token).incoming({ pending: values.pending });
    const cases = r.cases.map(({ caseNo, from, lead, assist, transferredAt, receivedAt }) => ({ caseNo, from, lead, assist, transferredAt, receivedAt }));
    if (values.json) {
      process.stdout.write(JSON.stringify({ cases }) + "\n");
      return 0;
    }
    const head = en ? "Case no.\tFrom\tLead\tAssisting\tTransferred\tReceived" : "案件编号\t转出单位\t承办单位\t协办单位\t转交时间\t签收时间";
    const rows = cases.map((x) => [x.caseNo, x.from, x.lead, x.assist ?? "—", x.transferredAt, x.receivedAt ?? (en ? "(not yet)" : "（未签收）")].join("\t"));
    const waiting = cases.filter((x) => x.receivedAt === null).length;
    const foot = en ? `${cases.length} transferred cases, ${waiting} not yet received.` : `转入案件 ${cases.length} 件，未签收 ${waiting} 件。`;
    process.stdout.write([head, ...rows, foot].join("\n") + "\n");
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
