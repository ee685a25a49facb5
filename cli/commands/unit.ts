import type { Unit } from "../../ledger/api/units.ts";
import { connection, createClient } from "../lib/client.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { commandFailed } from "../lib/command-error.ts";

export const USAGE = `用法 Usage:
  tiaojie unit add 名称 --kind town|department|centre [--json]
  tiaojie unit list [--json]`;

const KIND_NAMES: Record<string, string> = { town: "镇/街道 town", department: "区直单位 department", centre: "调解中心 centre" };


export async function run(args: string[]): Promise<number> {
  try {
    // Options may come before the subcommand too; an unknown one is reported before any subcommand or server check.
    const { values, positionals: [sub, ...positionals] } = parseOptions(args, {
      kind: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (!sub) throw new UsageError("需要子命令 Missing subcommand");
    if (!["add", "list"].includes(sub)) throw new UsageError(`未知子命令 Unknown subcommand: ${sub}`);
    const { url, token } = connection(values);
    const client = createClient(url, token);
    const out = (s: string) => process.stdout.write(s);

    if (sub === "add") {
      if (positionals.length !== 1) throw new UsageError("需要一个单位名称 Expected one unit name");
      if (!values.kind) throw new UsageError("需要 --kind town|department|centre Missing --kind");
      const unit = await client.request<Unit>("POST", "/api/units", { body: { name: positionals[0], kind: values.kind } });
      out(values.json ? JSON.stringify(unit) + "\n" : `已添加单位 Added unit #${unit.id} ${unit.name} (${KIND_NAMES[unit.kind] ?? unit.kind})\n`);
      return 0;
    }
    // sub is "list"
    const { units } = await client.request<{ units: Unit[] }>("GET", "/api/units");
    if (values.json) out(JSON.stringify({ units }) + "\n");
    else {
      if (units.length === 0) out("（没有单位 no units）\n");
      for (const u of units) out(`#${u.id}\t${u.name}\t${KIND_NAMES[u.kind] ?? u.kind}\n`);
    }
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
