// `tiaojie route FILE.xlsx [--confirm] [--json]`: the coordinator routes an intake sheet (收案登记, 分流) and, with
// --confirm, transfers the routed cases to their lead units.
import { randomUUID } from "node:crypto";
import type { ColumnKey } from "../../ledger/columns.ts";
import { dataRowIndexes } from "../../ledger/data-rows.ts";
import { pickLocale, type Locale } from "../../ledger/messages.ts";
import { sheetRows, columnLetters, type SheetRow } from "../../ledger/api/push-rows.ts";
import { ApiError } from "../../ledger/api/client.ts";
import { toRoutingRules, type RoutingSuggestion, type TransferReceipt } from "../../ledger/api/routing.ts";
import { intakeRows, suggestRoutes } from "../../ledger/routing/suggest.ts";
import { connection, createClient, type Client } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { findLedgerSheet } from "../lib/find-ledger.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { readWorkbook } from "../lib/read-workbook.ts";

export const USAGE = `用法 Usage: tiaojie route FILE.xlsx [--confirm] [--sheet NAME] [--locale zh-CN|en] [--json] [--url URL] [--token TOKEN]
  读取收案登记表（台账各列；承办单位为空或为调解中心的行），按分流规则给出承办单位、协办单位、依据和理由（协调员令牌）。
  Reads an intake sheet (ledger columns; rows whose unit is empty or the centre) and routes each row (coordinator token).
  --confirm  把已确定承办单位的案件转交承办单位；未能分流的行留给协调员 transfer the routed rows; unrouted rows are left
  --json     {"rows": [{"row", "caseNo", "lead", "assist", "basis", "reason"}]}（加 --confirm 另有 "receipt" 和 "left"）`;

/** Cases per confirm request: far inside the API's 500 and its 1 MB body. */
const CASES_PER_REQUEST = 200;
const RETRIES = 3;

const BASIS_ZH = { respondent: "被申请人", domain: "领域", place: "发生地" } as const;

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      confirm: { type: "boolean" },
      sheet: { type: "string" },
      locale: { type: "string" },
      json: { type: "boolean" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("需要一个 .xlsx 文件 Expected one .xlsx file");
    if (values.locale && values.locale !== "zh-CN" && values.locale !== "en") throw new UsageError("--locale 须为 must be zh-CN|en");
    const locale = pickLocale(values.locale ?? process.env.LANG);
    const { url, token } = connection(values);
    const client = createClient(url, token);
    const sheets = await readWorkbook(positionals[0], locale);
    const { sheet, header } = findLedgerSheet(sheets, values.sheet);

    const rules = await client.routingRules();
    const all = sheetRows<ColumnKey>(sheet.grid, header.columns, dataRowIndexes(sheet.grid, header, sheet.merges).map((r) => r + 1));
    const rows = intakeRows(all, rules.centres);
    const suggestions = suggestRoutes(rows, toRoutingRules(rules));
    const reasonOf = (s: RoutingSuggestion) => (locale === "en" ? s.reason.en : s.reason.zh);
    const out = suggestions.map((s) => ({ row: s.row, caseNo: s.caseNo, lead: s.lead, assist: s.assist, basis: s.basis, reason: reasonOf(s) }));

    if (!values.confirm) {
      process.stdout.write(values.json ? JSON.stringify({ rows: out }) + "\n" : table(out, all.length - rows.length, locale));
      return 0;
    }
    const byRow = new Map(rows.map((r) => [r.row, r]));
    const routed = suggestions.filter((s) => s.lead !== null);
    const left = out.filter((s) => s.lead === null).map(({ row, caseNo, reason }) => ({ row, caseNo, reason }));
    const receipt = await transfer(client, routed.map((s) => ({ suggestion: s, row: byRow.get(s.row)! })), columnLetters<ColumnKey>(header.columns, sheet.columns), locale);
    if (values.json) {
      process.stdout.write(JSON.stringify({ rows: out, receipt, left }) + "\n");
    } else {
      process.stdout.write(table(out, all.length - rows.length, locale));
      process.stdout.write(receiptText(receipt, left, locale));
    }
    return receipt.counts.refused > 0 ? 1 : 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}

/** Confirms in requests of CASES_PER_REQUEST, each under its own key; a lost answer is asked again with the same key. */
async function transfer(
  client: Client,
  items: { suggestion: RoutingSuggestion; row: SheetRow<ColumnKey> }[],
  columns: Partial<Record<ColumnKey, string>>,
  locale: Locale,
): Promise<TransferReceipt> {
  const merged: TransferReceipt = { from: "", at: "", counts: { transferred: 0, unchanged: 0, refused: 0 }, cases: [] };
  const run = randomUUID();
  for (let i = 0; i < items.length; i += CASES_PER_REQUEST) {
    const body = {
      locale, columns,
      cases: items.slice(i, i + CASES_PER_REQUEST).map(({ suggestion: s, row }) => ({
        row: s.row, values: row.values, lead: s.lead!, assist: s.assist, basis: s.basis, reason: s.reason.zh,
      })),
    };
    const key = `route-${run}-${i / CASES_PER_REQUEST}`;
    let receipt: TransferReceipt | null = null;
    for (let attempt = 1; receipt === null; attempt++) {
      try {
        receipt = await client.confirmTransfers(body, key);
      } catch (e) {
        if (!(e instanceof ApiError) || !e.retryable || attempt >= RETRIES) throw e;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
    merged.from = receipt.from;
    merged.at ||= receipt.at;
    for (const k of ["transferred", "unchanged", "refused"] as const) merged.counts[k] += receipt.counts[k];
    merged.cases.push(...receipt.cases);
  }
  return merged;
}

type Line = { row: number; caseNo: string | null; lead: string | null; assist: string | null; basis: keyof typeof BASIS_ZH | null; reason: string };

function table(lines: Line[], skipped: number, locale: Locale): string {
  const en = locale === "en";
  const head = en ? "Row\tCase no.\tLead\tAssisting\tBasis\tReason" : "行\t案件编号\t承办单位\t协办单位\t依据\t理由";
  const body = lines.map((l) => [
    l.row, l.caseNo ?? "—", l.lead ?? (en ? "(coordinator decides)" : "（待协调员指定）"), l.assist ?? "—",
    l.basis === null ? "—" : en ? l.basis : BASIS_ZH[l.basis], l.reason,
  ].join("\t"));
  const routed = lines.filter((l) => l.lead !== null).length;
  const foot = en
    ? `${lines.length} intake rows: ${routed} routed, ${lines.length - routed} for the coordinator${skipped ? `; ${skipped} rows already have a unit and were left out` : ""}.`
    : `收案 ${lines.length} 行：已分流 ${routed} 行，待协调员指定 ${lines.length - routed} 行${skipped ? `；另有 ${skipped} 行已有承办单位，未列入` : ""}。`;
  return [head, ...body, foot].join("\n") + "\n";
}

function receiptText(r: TransferReceipt, left: { row: number; caseNo: string | null }[], locale: Locale): string {
  const en = locale === "en";
  const c = r.counts;
  const lines = [en
    ? `Transfers from ${r.from || "the centre"}: ${c.transferred} transferred, ${c.unchanged} unchanged (already transferred), ${c.refused} refused.`
    : `从${r.from || "调解中心"}转交：已转交 ${c.transferred}，未变（此前已转交）${c.unchanged}，退回 ${c.refused}。`];
  for (const x of r.cases.filter((x) => x.outcome === "refused")) lines.push(`✗ ${x.row ?? ""} ${x.caseNo ?? ""} ${x.message ?? ""}`);
  if (left.length > 0) {
    lines.push((en ? "Left for the coordinator (no lead unit): " : "留待协调员指定承办单位：") + left.map((l) => `${l.row} ${l.caseNo ?? ""}`.trim()).join(en ? ", " : "、"));
  }
  return lines.join("\n") + "\n";
}
