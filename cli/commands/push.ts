import type { Me } from "../../ledger/api/roles.ts";
import type { ColumnKey } from "../../ledger/columns.ts";
import { pickLocale, skippedRowsMessage, type Locale } from "../../ledger/messages.ts";
import { validateLedger } from "../../ledger/validate.ts";
import { connection, createClient, type Client } from "../lib/client.ts";
import type { HeaderResult } from "../../ledger/header.ts";
import { findLedgerSheet } from "../lib/find-ledger.ts";
import { columnLetters, gridRows, keepPushedCells } from "../../ledger/api/push-rows.ts";
import { pushAll, type PushSummary } from "../../ledger/api/push-engine.ts";
import { createInterface } from "node:readline/promises";
import { parseOptions, UsageError } from "../lib/options.ts";
import { progressBar } from "../lib/progress.ts";
import { readWorkbook, type Sheet } from "../lib/read-workbook.ts";
import { findRosterSheet, pushRoster } from "../lib/roster-push.ts";
import { findVisitSheet, pushVisits } from "../lib/visit-push.ts";
import { findRuleSheet, pushRuleSheet } from "../lib/rule-sheet-push.ts";
import type { RuleSheetKind } from "../../ledger/routing/rule-sheet-kind.ts";
import { commandFailed } from "../lib/command-error.ts";
import { confirmQuestion, markingLines } from "../lib/marking-note.ts";
import { findReviewSheet, pushReviewSheet } from "../lib/review-push.ts";

/** Chunks in flight at once: a file of 100 chunks is not sent one round trip at a time. */
const CLI_CONCURRENCY = 4;

export const USAGE = `用法 Usage: tiaojie push FILE.xlsx [--unit U] [--sheet NAME] [--partial] [--confirm-missing N] [--json] [--url URL] [--token TOKEN]
  --unit     推送到哪个单位（协调员必填；台账员默认本单位） unit to push to (coordinators must name it)
  --partial  只推送部分案件：不把缺少的已存案件标记为“不在台账中” not the whole ledger: do not mark missing cases
             （名册：不停用名册中缺少的调解员 roster: do not deactivate mediators missing from the sheet）
  --confirm-missing N
             确认台账缺少的最多 N 件已上报案件已不在台账中：缺少的超过五分之一时，不加此项则不标记（终端上会询问）
             confirm that up to N stored cases missing from the ledger are no longer in it: when they are more than
             a fifth, nothing is marked without it (on a terminal you are asked)
  调解员名册（姓名、级别、所属单位…）自动识别并推送到名册 A mediator roster sheet is recognised and pushed as the roster.
  巡回指导记录（日期、导师、镇（街道）…）自动识别并推送（协调员） A circuit visit sheet is recognised and pushed as visits (coordinator).
  分流规则表（纠纷领域 | 主管部门，或 村（社区） | 所属镇（街道））自动识别，整表替换现行规则（协调员令牌）
             A routing rule sheet (domain or place sheet) is recognised and replaces the rules in force (coordinator token).
  案件质量评查表（案件编号、承办单位、评查人、评查日期、八项得分…）自动识别并推送（考评办或协调员令牌）
             A case-file quality review sheet (评查表) is recognised and pushed as reviews (assessor or coordinator token).
  --json     输出一个 JSON 对象（合计与逐行问题） print one JSON object with the totals and per-row issues`;


async function runRosterPush(client: Client, sheet: Sheet, o: { whole: boolean; json: boolean; locale: Locale }): Promise<number> {
  const en = o.locale === "en";
  if (!o.json) process.stderr.write(en ? `Sheet "${sheet.name}" is a mediator roster; pushing it to ${client.url}\n` : `工作表“${sheet.name}”是调解员名册，推送到 ${client.url}\n`);
  const { receipt: r, rows } = await pushRoster(client, sheet, { wholeRoster: o.whole, locale: o.locale });
  if (o.json) {
    process.stdout.write(JSON.stringify({ kind: "roster", sheet: sheet.name, rows, ...r }) + "\n");
  } else {
    const c = r.counts;
    process.stdout.write(en
      ? `Roster: ${rows} rows: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deactivated} made inactive, ${c.rejected} rejected.\n`
      : `调解员名册 ${rows} 行：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}，停用 ${c.deactivated}，退回 ${c.rejected}。\n`);
    if (r.deactivated.length > 0) {
      process.stdout.write((en ? "Not in this roster, made inactive: " : "名册中已无、已停用：") + r.deactivated.map((m) => `${m.name}（${m.unit}）`).join(en ? ", " : "、") + "\n");
    }
    for (const i of r.issues.filter((x) => x.severity === "error")) process.stdout.write(`✗ ${i.column ?? ""}${i.row} ${i.message}\n`);
  }
  return r.counts.rejected > 0 ? 1 : 0;
}

async function runVisitPush(client: Client, sheet: Sheet, o: { json: boolean; locale: Locale }): Promise<number> {
  const en = o.locale === "en";
  if (!o.json) process.stderr.write(en ? `Sheet "${sheet.name}" is a circuit visit record; pushing it to ${client.url}\n` : `工作表“${sheet.name}”是巡回指导记录，推送到 ${client.url}\n`);
  const { receipt: r, rows } = await pushVisits(client, sheet, { locale: o.locale });
  if (o.json) {
    process.stdout.write(JSON.stringify({ kind: "visits", sheet: sheet.name, rows, ...r }) + "\n");
  } else {
    const c = r.counts;
    process.stdout.write(en
      ? `Circuit visits: ${rows} rows, ${c.visits} visits: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged; ${c.rejected} rows rejected.\n`
      : `巡回指导记录 ${rows} 行，${c.visits} 次指导：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}；退回 ${c.rejected} 行。\n`);
    for (const i of r.issues) process.stdout.write(`${i.severity === "error" ? "✗" : "!"} ${i.column ?? ""}${i.row} ${i.message}\n`);
  }
  return r.counts.rejected > 0 ? 1 : 0;
}

async function runReviewPush(client: Client, sheet: Sheet, o: { json: boolean; locale: Locale }): Promise<number> {
  const en = o.locale === "en";
  if (!o.json) process.stderr.write(en ? `Sheet "${sheet.name}" is a case-file quality review sheet; pushing it to ${client.url}\n` : `工作表“${sheet.name}”是案件质量评查表，推送到 ${client.url}\n`);
  const { receipt: r, rows } = await pushReviewSheet(client, sheet, { locale: o.locale });
  if (o.json) {
    process.stdout.write(JSON.stringify({ kind: "reviews", sheet: sheet.name, rows, ...r }) + "\n");
  } else {
    const c = r.counts;
    process.stdout.write(en
      ? `Case-file reviews: ${rows} rows: ${c.inserted} new, ${c.updated} updated (previous version kept), ${c.unchanged} unchanged; ${c.rejected} rows rejected.\n`
      : `案件质量评查表 ${rows} 行：新增 ${c.inserted}，更新 ${c.updated}（上一版已保留），未变 ${c.unchanged}；退回 ${c.rejected} 行。\n`);
    for (const i of r.issues) process.stdout.write(`${i.severity === "error" ? "✗" : "!"} ${i.column ?? ""}${i.row} ${i.message}\n`);
  }
  return r.counts.rejected > 0 ? 1 : 0;
}

async function runRuleSheetPush(client: Client, sheet: Sheet, kind: RuleSheetKind, o: { json: boolean; locale: Locale }): Promise<number> {
  const en = o.locale === "en";
  const what = kind === "domains" ? (en ? "domain sheet (domain | department in charge)" : "领域表（纠纷领域 | 主管部门）") : (en ? "place sheet (village | town)" : "村居表（村（社区） | 所属镇（街道））");
  if (!o.json) process.stderr.write(en ? `Sheet "${sheet.name}" is a routing ${what}; pushing it to ${client.url}\n` : `工作表“${sheet.name}”是分流规则${what}，推送到 ${client.url}\n`);
  const { receipt: r, rows } = await pushRuleSheet(client, sheet, kind, o.locale);
  if (o.json) {
    process.stdout.write(JSON.stringify({ sheet: sheet.name, ...r, rows }) + "\n");
  } else {
    const unit = kind === "domains" ? (en ? "domains" : "个领域") : (en ? "villages/communities" : "个村（社区）");
    process.stdout.write(!r.stored
      ? (en ? `Not stored: the sheet has errors (${rows} rows). The rules in force are unchanged${r.version ? ` (version ${r.version})` : ""}.\n`
        : `未保存：表中有错误（${rows} 行），现行规则不变${r.version ? `（第 ${r.version} 版）` : ""}。\n`)
      : !r.changed
        ? (en ? `Unchanged: the sheet equals version ${r.version} in force (${r.rules} ${unit}).\n` : `未变化：与现行第 ${r.version} 版相同（${r.rules} ${unit}）。\n`)
        : (en ? `Stored as version ${r.version}: ${r.rules} ${unit} from ${rows} rows; the previous version is kept.\n`
          : `已保存为第 ${r.version} 版：${rows} 行，${r.rules} ${unit}；上一版已保留。\n`));
    for (const i of r.issues) process.stdout.write(`${i.severity === "error" ? "✗" : "!"} ${i.column ?? ""}${i.row} ${i.message}\n`);
  }
  return r.stored ? 0 : 1;
}

/**
 * Local validation first: the clerk sees the problems even if the server is slow; the server checks again. Only
 * the count of errors and the row numbers leave here, so the validation's per-row results are not held while the
 * push rows are made.
 */
function checkedLocally(sheet: Sheet, header: HeaderResult, o: { locale: Locale; unit: string }) {
  const local = validateLedger(sheet.grid, { header, columnPlaces: sheet.columns, merges: sheet.merges, locale: o.locale, units: [o.unit], defaultUnit: o.unit })!;
  return {
    localErrors: local.issues.filter((i) => i.severity === "error").length,
    rowNumbers: local.rows.map((r) => r.row),
    skipped: skippedRowsMessage(local.skipped, o.locale),
  };
}

/** A positive whole number of cases, or a UsageError saying how to write it. */
function confirmedCount(v: string | undefined, en: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (Number.isSafeInteger(n) && n > 0) return n;
  throw new UsageError(en
    ? `--confirm-missing takes a positive whole number of cases (the number a push without it reported); got "${v}"`
    : `--confirm-missing 须为正整数件数（不加此项推送时提示的件数），收到“${v}”`);
}

/** Asks on the terminal; anything but y/yes/是 is no. */
async function askYesNo(question: string, en: boolean): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} ${en ? "[y/N]" : "[y/N，是/否]"} `)).trim().toLowerCase();
    return ["y", "yes", "是", "确认"].includes(answer);
  } finally {
    rl.close();
  }
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      unit: { type: "string" },
      sheet: { type: "string" },
      partial: { type: "boolean" },
      json: { type: "boolean" },
      locale: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
      concurrency: { type: "string" },
      "confirm-missing": { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("需要一个 .xlsx 文件 Expected one .xlsx file");
    const locale = pickLocale(values.locale ?? process.env.LANG);
    const en = locale === "en";
    const confirmMissing = confirmedCount(values["confirm-missing"], en);
    if (confirmMissing !== undefined && values.partial) {
      throw new UsageError(en ? "--confirm-missing goes with a whole-ledger push; leave out --partial." : "--confirm-missing 只用于整本台账的推送，请去掉 --partial。");
    }
    const { url, token } = connection(values);
    const client = createClient(url, token);

    const sheets = await readWorkbook(positionals[0], locale);
    // A 评查表 names 案件编号 and 承办单位 as a ledger does, so it is looked for first; the Worker checks the role.
    const reviewSheet = findReviewSheet(sheets, values.sheet);
    if (reviewSheet) return await runReviewPush(client, reviewSheet, { json: Boolean(values.json), locale });
    const ruleSheet = findRuleSheet(sheets, values.sheet);
    if (ruleSheet) return await runRuleSheetPush(client, ruleSheet.sheet, ruleSheet.kind, { json: Boolean(values.json), locale });
    const visitSheet = findVisitSheet(sheets, values.sheet);
    const rosterSheet = visitSheet ? null : findRosterSheet(sheets, values.sheet);
    const { sheet, header } = (visitSheet ?? rosterSheet) ? { sheet: (visitSheet ?? rosterSheet)!, header: null } : findLedgerSheet(sheets, values.sheet);
    const me = await client.request<Me>("GET", "/api/me");
    if (me.role !== "clerk" && me.role !== "coordinator") {
      throw new UsageError(en ? `A ${me.role} token cannot push ledgers; use a clerk or coordinator token.` : `${me.role} 令牌不能推送台账，请使用台账员或协调员令牌。`);
    }
    if (visitSheet) {
      if (me.role !== "coordinator") throw new UsageError(en ? "Only a coordinator pushes circuit visits; use a coordinator token." : "巡回指导记录只能由协调员推送，请使用协调员令牌。");
      return await runVisitPush(client, sheet, { json: Boolean(values.json), locale });
    }
    if (!header) return await runRosterPush(client, sheet, { whole: !values.partial, json: Boolean(values.json), locale });
    const unit = values.unit ?? me.unit ?? undefined;
    if (!unit) throw new UsageError(en ? "Name the unit with --unit." : "请用 --unit 指定单位。");

    const { localErrors, rowNumbers, skipped } = checkedLocally(sheet, header, { locale, unit });
    const columns = columnLetters<ColumnKey>(header.columns, sheet.columns);
    // Each chunk's rows are made from the ledger's grid when the chunk is sent, so the grid, cut to the cells the push
    // reads, and the chunks in flight are all the push holds: the 200,000 rows of a big ledger made up front were
    // ~110 MB beside the grid. The other sheets' grids go.
    for (const s of sheets) if (s !== sheet) s.grid = [];
    const rows = gridRows<ColumnKey>(sheet.grid, keepPushedCells<ColumnKey>(sheet.grid, header.columns, rowNumbers), rowNumbers);

    if (!values.json) {
      process.stderr.write(en
        ? `Sheet "${sheet.name}": ${rows.length} case rows (${localErrors} errors found locally), pushing to ${unit} at ${url}\n`
        : `工作表“${sheet.name}”：${rows.length} 条案件（本地发现错误 ${localErrors} 处），推送到 ${unit}（${url}）\n`);
      if (skipped) process.stderr.write(`${skipped}\n`);
    }
    const send = async (confirm: number | undefined) => {
      let bar: ReturnType<typeof progressBar> | null = null;
      let lastRetry: string | null = null;
      const sent = await pushAll(client, rows, {
        unit: me.role === "coordinator" ? unit : values.unit,
        wholeLedger: !values.partial,
        confirmMissing: confirm,
        locale,
        columns,
        // The server sizes chunks to its plan's CPU budget per request (ledger/api/roles.ts MeSchema).
        maxRows: me.pushRowsPerChunk,
        concurrency: values.concurrency ? Number(values.concurrency) : CLI_CONCURRENCY,
        onProgress: (p) => {
          if (values.json) return;
          bar ??= progressBar(p.chunkCount, en ? "push" : "推送");
          // A wait (the token's rate limit is a minute) must not look like a hang: say once what is being waited for.
          if (p.retrying && p.retrying.message !== lastRetry) {
            lastRetry = p.retrying.message;
            const s = p.retrying.retryAfterSeconds;
            process.stderr.write(en
              ? `\n${lastRetry}; retrying${s !== null ? ` in ${s} s` : ""}, nothing is sent twice\n`
              : `\n${lastRetry}；${s !== null ? `${s} 秒后` : ""}自动重试，不会重复写入\n`);
          }
          if (!p.retrying) lastRetry = null;
          bar.update(p.chunksDone);
        },
      });
      (bar as ReturnType<typeof progressBar> | null)?.finish();
      return sent;
    };
    const pushed = await send(confirmMissing);
    let totals: PushSummary = pushed.summary;
    // More than a fifth of the unit's cases missing: the server marked none. On a terminal, ask, and on a yes send the
    // ledger again with the confirmation (its rows are stored now, so only the marks are written); the totals stay
    // those of the first push, which wrote the rows. Elsewhere (a script, --json) refuse and name the option.
    let unconfirmed = false;
    const asked = totals.marking?.outcome === "needs_confirmation" ? totals.marking : null;
    if (asked && !values.json && process.stdin.isTTY && process.stderr.isTTY) {
      if (await askYesNo(confirmQuestion(asked, en), en)) {
        const again = (await send(asked.missing)).summary;
        totals = { ...totals, marking: again.marking, notInLedger: again.notInLedger, flags: again.flags, assignments: again.assignments };
      }
    } else if (asked) {
      unconfirmed = true;
      process.stderr.write(en
        ? `${confirmQuestion(asked, en)}\nIf so, push again with --confirm-missing ${asked.missing}.\n`
        : `${confirmQuestion(asked, en)}\n如确认，请加 --confirm-missing ${asked.missing} 重新上报。\n`);
    }

    if (values.json) {
      const { inserted, updated, unchanged, rejected, ...rest } = totals;
      process.stdout.write(JSON.stringify({
        pushId: pushed.pushId, unit, chunks: pushed.chunks, counts: { inserted, updated, unchanged, rejected }, ...rest, sheet: sheet.name, rows: rows.length,
      }) + "\n");
    } else {
      const c = totals;
      process.stdout.write(en
        ? `Pushed ${rows.length} rows to ${unit}: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected.\n`
        : `已推送 ${rows.length} 行到 ${unit}：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}，退回 ${c.rejected}。\n`);
      for (const line of markingLines(totals, en)) process.stdout.write(`${line}\n`);
      for (const i of totals.issues.filter((x) => x.severity === "error")) {
        process.stdout.write(`✗ ${i.column ?? ""}${i.row} ${i.message}\n`);
      }
    }
    return totals.rejected > 0 || unconfirmed ? 1 : 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
