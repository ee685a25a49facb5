// `tiaojie limits [--json]`: the time limits and flag thresholds in force (any clerk, coordinator or assessor token);
// `tiaojie limits --set stage.诉前=30 --set flags.dueSoonDays=7`: the coordinator saves changed values as a new
// version. Field names and ranges: ledger/api/limits.ts (the same as the pane's 时限与预警设置 page).
import { LIMIT_FIELDS, fieldText, readField, withField, type LimitField, type LimitSettings, type LimitsResponse } from "../../ledger/api/limits.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { parseOptions, UsageError } from "../lib/options.ts";

export const USAGE = `用法 Usage: tiaojie limits [--json]
       tiaojie limits --set FIELD=VALUE [--set FIELD=VALUE …] [--json]
  时限与预警设置：办理时限（天）和预警阈值 time limits (days) and flag thresholds
  --set  修改一项并保存为新的一版（协调员） change a setting and save a new version (coordinator)
         FIELD: stage.诉前 … stage.信访, type.人民调解 | type.行政调解 | type.司法调解, fallback,
                flags.dueSoonDays, flags.confirmationWindowDays, flags.confirmationWarnDays, flags.repeatWithinMonths,
                flags.staleAfterDays, flags.notPushedDays, flags.minLedgerQuality (百分数 percent, e.g. 85),
                flags.transferReceiptDays
         天数 days 1–365，月 months 1–60；stage./type. 留空（stage.执行=）即取消该项时限 empty clears a stage/type limit
  --json 打印服务器返回的设置 print the settings as the API returns them
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN)`;

function fieldNamed(name: string): LimitField | undefined {
  return LIMIT_FIELDS.find((f) => f.id === name) ?? LIMIT_FIELDS.find((f) => f.group === "flags" && f.key === name);
}

/** Applies `FIELD=VALUE` pairs to `settings`; wrong use (unknown field, bad value) is a UsageError naming it. */
export function applySets(settings: LimitSettings, sets: readonly string[]): LimitSettings {
  let out = settings;
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq < 0) throw new UsageError(`--set 需要 FIELD=VALUE 形式 --set needs FIELD=VALUE: "${s}"`);
    const name = s.slice(0, eq).trim();
    const f = fieldNamed(name);
    if (!f) throw new UsageError(`未知设置项 Unknown setting "${name}"；可用 allowed: ${LIMIT_FIELDS.map((x) => x.id).join(", ")}`);
    const r = readField(f, s.slice(eq + 1));
    if (!r.ok) throw new UsageError(`${r.message.zh} ${r.message.en}`);
    out = withField(out, f, r.value);
  }
  return out;
}

function shown(f: LimitField, text: string): string {
  if (text === "") return "—";
  return f.unit === "share" ? `${text}%` : text;
}

/** The settings as a table a person reads: field name, value, Chinese and English name, default. */
export function limitsText(r: LimitsResponse): string {
  const who = r.version === 0
    ? "默认值，尚未修改 defaults, never changed"
    : `第 ${r.version} 版 version ${r.version}${r.changedAt ? `，${r.changedBy?.label ?? (r.changedBy ? `#${r.changedBy.tokenId}` : "迁移 migrated")} ${r.changedAt}` : ""}`;
  const lines = [`时限与预警设置 Time limits and flag thresholds（${who}）`];
  const width = Math.max(...LIMIT_FIELDS.map((f) => f.id.length));
  let group = "";
  for (const f of LIMIT_FIELDS) {
    const g = f.group === "flags" ? "预警阈值 Flag thresholds" : "办理时限（天） Time limits (days)";
    if (g !== group) lines.push(g);
    group = g;
    const value = shown(f, fieldText(r.current, f));
    const def = shown(f, fieldText(r.defaults, f));
    const changed = value !== def ? " *" : "";
    lines.push(`  ${f.id.padEnd(width)}  ${value.padStart(4)}${changed.padEnd(2)}  ${f.zh} ${f.en}（默认 default ${def}）`);
  }
  return lines.join("\n") + "\n";
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      set: { type: "string", multiple: true },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`多余的参数 Unexpected argument: ${positionals[0]}`);
    const c = connection(values);
    const client = createClient(c.url, c.token);
    let r = await client.limits();
    const sets = values.set ?? [];
    if (sets.length > 0) {
      const settings = applySets(r.current, sets);
      r = await client.setLimits({ settings, baseVersion: r.version });
      if (!values.json) process.stdout.write(`已保存为第 ${r.version} 版 Saved as version ${r.version}\n`);
    }
    process.stdout.write(values.json ? JSON.stringify(r) + "\n" : limitsText(r));
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
