import type { TokenInfo as ContractTokenInfo } from "../../ledger/api/tokens.ts";
import { connection, createClient } from "../lib/client.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { commandFailed } from "../lib/command-error.ts";

export const USAGE = `用法 Usage:
  tiaojie token create --role clerk|coordinator|assessor|court|admin [--unit 单位] [--label 说明] [--json]
  tiaojie token list [--json]
  tiaojie token revoke ID
  (--url URL --token ADMIN_TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN)`;

type TokenInfo = ContractTokenInfo & { token?: string };

export async function run(args: string[]): Promise<number> {
  try {
    // Options may come before the subcommand too; an unknown one is reported before any subcommand or server check.
    const { values, positionals: [sub, ...positionals] } = parseOptions(args, {
      role: { type: "string" },
      unit: { type: "string" },
      label: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (!sub) throw new UsageError("需要子命令 Missing subcommand");
    if (!["create", "list", "revoke"].includes(sub)) throw new UsageError(`未知子命令 Unknown subcommand: ${sub}`);
    const client = (() => {
      const c = connection(values);
      return createClient(c.url, c.token);
    })();
    const out = (s: string) => process.stdout.write(s);

    if (sub === "create") {
      if (!values.role) throw new UsageError("需要 --role Missing --role");
      const created = await client.request<TokenInfo>("POST", "/api/tokens", {
        body: { role: values.role, unit: values.unit, label: values.label },
      });
      if (values.json) out(JSON.stringify(created) + "\n");
      else {
        out(`令牌 Token #${created.id} (${created.role}${created.unit ? `, ${created.unit}` : ""}):\n\n  ${created.token}\n\n`);
        out("只显示这一次，请妥善保存。 Shown only once: keep it safe.\n");
      }
      return 0;
    }
    if (sub === "list") {
      const { tokens } = await client.request<{ tokens: TokenInfo[] }>("GET", "/api/tokens");
      if (values.json) out(JSON.stringify({ tokens }) + "\n");
      else {
        if (tokens.length === 0) out("（没有令牌 no tokens）\n");
        for (const t of tokens) {
          const state = t.revokedAt ? `已吊销 revoked ${t.revokedAt}` : "有效 active";
          out(`#${t.id}\t${t.role}\t${t.unit ?? "-"}\t${t.label ?? ""}\t${t.createdAt}\t${state}\n`);
        }
      }
      return 0;
    }
    // sub is "revoke"
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError("需要令牌编号 Expected a token id");
    const r = await client.request<{ id: number; revokedAt: string }>("DELETE", `/api/tokens/${id}`);
    if (values.json) out(JSON.stringify(r) + "\n");
    else out(`令牌 #${r.id} 已吊销 revoked at ${r.revokedAt}\n`);
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
