/**
 * 分流 in the coordinator's intake sheet: which rows wait to be routed, the suggestion columns the product writes right
 * of the sheet (建议承办单位 / 协办单位 / 分流依据, and 转交结果 after a confirm), and the transfer request built from
 * those columns as the coordinator left them (a suggestion changed by hand is what is confirmed).
 *
 * The product's columns are recognised by their headers (the three side by side, 转交结果 in the same header row), and
 * are hidden from header detection: 建议承办单位 would otherwise be read as the ledger's 承办单位.
 */
import type { ColumnKey } from "../../../ledger/columns.ts";
import { dataRowIndexes } from "../../../ledger/data-rows.ts";
import type { HeaderResult } from "../../../ledger/header.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { cleanText } from "../../../ledger/text.ts";
import { ApiError, type ApiClient } from "../../../ledger/api/client.ts";
import { columnLetters, sheetRows, type SheetRow } from "../../../ledger/api/push-rows.ts";
import {
  MAX_TRANSFER_CASES, toRoutingRules, type RoutingRulesView, type RoutingSuggestion, type TransferCase, type TransferReceipt, type TransferRequest,
} from "../../../ledger/api/routing.ts";
import { awaitsRouting } from "../../../ledger/routing/awaits-routing.ts";
import { suggestRoutes } from "../../../ledger/routing/suggest.ts";
import { SEVERITY_FILL } from "../../hosts/shared/colours.ts";
import type { ColumnsWrite } from "../../hosts/routing-workbook.ts";
import { t } from "../i18n.ts";
import { detectWithSettings, type ColumnSettings } from "./columns.ts";

export const SUGGESTION_HEADERS = ["建议承办单位", "协办单位", "分流依据"] as const;
export const OUTCOME_HEADER = "转交结果";
/** The product's headers sit in the intake sheet's header row, which is near the top. */
const SCAN_ROWS = 30;
/** Cases per confirm request: well inside the API's MAX_TRANSFER_CASES and its body limit. */
export const CASES_PER_REQUEST = 200;

export const UNROUTED_FILL = SEVERITY_FILL.warning;

export interface OwnColumns {
  /** 0-based row of the header the product wrote, or null when it has written none yet. */
  headerRow: number | null;
  /** 0-based column of 建议承办单位 (协办单位 and 分流依据 follow it). */
  suggestion: number | null;
  outcome: number | null;
}

/** Finds the product's columns by their headers: the three suggestion headers side by side, 转交结果 in that row. */
export function findOwnColumns(grid: readonly (readonly unknown[])[]): OwnColumns {
  for (let r = 0; r < Math.min(grid.length, SCAN_ROWS); r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c + SUGGESTION_HEADERS.length <= row.length; c++) {
      if (!SUGGESTION_HEADERS.every((h, i) => cleanText(row[c + i]) === h)) continue;
      const outcome = row.findIndex((v, i) => i >= c + SUGGESTION_HEADERS.length && cleanText(v) === OUTCOME_HEADER);
      return { headerRow: r, suggestion: c, outcome: outcome < 0 ? null : outcome };
    }
  }
  return { headerRow: null, suggestion: null, outcome: null };
}

function ownIndexes(own: OwnColumns): number[] {
  const out: number[] = [];
  if (own.suggestion !== null) out.push(own.suggestion, own.suggestion + 1, own.suggestion + 2);
  if (own.outcome !== null) out.push(own.outcome);
  return out;
}

/** The grid as the coordinator's own cells: the product's columns emptied (a copy; the grid is not changed). */
export function withoutOwnColumns(grid: readonly (readonly unknown[])[], own: OwnColumns): unknown[][] {
  const cols = ownIndexes(own);
  if (cols.length === 0) return grid as unknown[][];
  return grid.map((row) => {
    const copy = [...row];
    for (const c of cols) if (c < copy.length) copy[c] = null;
    return copy;
  });
}

export interface IntakeSheet {
  header: HeaderResult;
  own: OwnColumns;
  /** Every case row, by the ledger's columns (the product's columns left out). */
  rows: SheetRow<ColumnKey>[];
  /** The rows that wait to be routed: unit empty or one of the centre's own. */
  intake: SheetRow<ColumnKey>[];
  /** Case rows whose unit already names a town or department: left alone. */
  routed: number;
  /** Columns of the sheet from A (the used range's width). */
  width: number;
}

/** null when the sheet has no ledger header. */
export function readIntake(grid: readonly (readonly unknown[])[], settings: ColumnSettings, centres: readonly string[]): IntakeSheet | null {
  const found = findOwnColumns(grid);
  const mine = withoutOwnColumns(grid, found);
  const header = detectWithSettings(mine, settings);
  if (!header) return null;
  // Headers of ours on another row than the ledger's are not where we would have written them: not ours.
  const own = found.headerRow === header.headerRow ? found : { headerRow: null, suggestion: null, outcome: null };
  const cells = own === found ? mine : grid;
  const rows = sheetRows<ColumnKey>(cells, header.columns, dataRowIndexes(cells, header).map((r) => r + 1));
  const intake = rows.filter((r) => awaitsRouting(cleanText(r.values.unit), centres));
  const width = grid.reduce((m, row) => Math.max(m, row.length), 0);
  return { header, own, rows, intake, routed: rows.length - intake.length, width };
}

const BASIS = {
  respondent: { zh: "被申请人", en: "Respondent" },
  domain: { zh: "纠纷领域", en: "Domain" },
  place: { zh: "纠纷发生地", en: "Place" },
  none: { zh: "待协调员指定", en: "Coordinator decides" },
} as const;

/** What the 分流依据 cell says: the basis, then the reason in the pane's language. */
export function basisText(s: Pick<RoutingSuggestion, "basis" | "reason">, locale: Locale): string {
  const b = BASIS[s.basis ?? "none"];
  return locale === "en" ? `${b.en}: ${s.reason.en}` : `${b.zh}：${s.reason.zh}`;
}

export interface SuggestionPlan {
  suggestions: RoutingSuggestion[];
  write: ColumnsWrite;
  /** Rows that got a lead, rows that did not (the coordinator decides), rows already routed (left alone). */
  counts: { suggested: number; unrouted: number; routed: number };
  /** Excel rows without a lead, for the pane to list. */
  unroutedRows: number[];
}

/**
 * The three suggestion columns for every case row: an intake row gets its suggestion (yellow when no unit leads), a
 * routed row gets empty cells (an earlier suggestion there is cleared). Placed where they were, else right of the
 * used range, so no cell of the coordinator's is covered.
 */
export function planSuggestions(sheetName: string, intake: IntakeSheet, rules: RoutingRulesView, locale: Locale): SuggestionPlan {
  const suggestions = suggestRoutes(intake.intake, toRoutingRules(rules));
  const byRow = new Map(suggestions.map((s) => [s.row, s]));
  const firstRow = intake.header.headerRow + 2;
  const lastRow = Math.max(firstRow, ...intake.rows.map((r) => r.row));
  const column = intake.own.suggestion ?? intake.width;
  const lead: string[] = [];
  const assist: string[] = [];
  const basis: string[] = [];
  const fills: (string | null)[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const s = byRow.get(row);
    lead.push(s?.lead ?? "");
    assist.push(s?.assist ?? "");
    basis.push(s ? basisText(s, locale) : "");
    fills.push(s && s.lead === null ? UNROUTED_FILL : null);
  }
  const unroutedRows = suggestions.filter((s) => s.lead === null).map((s) => s.row);
  return {
    suggestions,
    write: {
      sheetName,
      headerRow: intake.header.headerRow + 1,
      firstRow,
      columns: [
        { column, header: SUGGESTION_HEADERS[0], texts: lead, fills },
        { column: column + 1, header: SUGGESTION_HEADERS[1], texts: assist, fills },
        { column: column + 2, header: SUGGESTION_HEADERS[2], texts: basis, fills },
      ],
    },
    counts: { suggested: suggestions.length - unroutedRows.length, unrouted: unroutedRows.length, routed: intake.routed },
    unroutedRows,
  };
}

/** Which intake rows a confirm covers: all, or those in the selected rows. */
export type ConfirmScope = { kind: "all" } | { kind: "selected"; rows: readonly [number, number][] };

export interface ConfirmPlan {
  /** One request per CASES_PER_REQUEST cases, in row order. */
  requests: TransferRequest[];
  /** Rows in scope with no lead in 建议承办单位: not sent, the coordinator has to fill it in. */
  noLead: { row: number; caseNo: string | null }[];
  /** Rows of the sheet in scope (intake rows only). */
  rows: number[];
}

export class NoSuggestionsError extends Error {
  constructor() {
    super("no 建议承办单位 column: run 分流 first");
    this.name = "NoSuggestionsError";
  }
}

/**
 * The transfer as the sheet holds it now: each intake row in scope with the lead and assisting unit read back from the
 * product's columns, which the coordinator may have changed. A lead equal to today's suggestion keeps its basis and
 * reason; a changed one is the coordinator's own choice (basis null) and says so.
 */
export function planConfirm(grid: readonly (readonly unknown[])[], intake: IntakeSheet, rules: RoutingRulesView, scope: ConfirmScope, locale: Locale): ConfirmPlan {
  const col = intake.own.suggestion;
  if (col === null) throw new NoSuggestionsError();
  const inScope = (row: number) => scope.kind === "all" || scope.rows.some(([a, b]) => row >= a && row <= b);
  const rows = intake.intake.filter((r) => inScope(r.row));
  const fresh = new Map(suggestRoutes(rows, toRoutingRules(rules)).map((s) => [s.row, s]));
  const cases: TransferCase[] = [];
  const noLead: ConfirmPlan["noLead"] = [];
  for (const r of rows) {
    const cells = grid[r.row - 1] ?? [];
    const lead = cleanText(cells[col]);
    const assist = cleanText(cells[col + 1]) || null;
    if (!lead) {
      noLead.push({ row: r.row, caseNo: cleanText(r.values.caseNo) || null });
      continue;
    }
    const s = fresh.get(r.row);
    const asSuggested = s !== undefined && s.lead === lead && s.assist === assist;
    cases.push({
      row: r.row,
      values: r.values,
      lead,
      assist,
      basis: asSuggested ? s.basis : null,
      // Stored with the transfer and shown to the receiving clerk, in Chinese like the suggestions' reasons.
      reason: asSuggested ? s.reason.zh : assist ? t("zh-CN", "routing.byHandWithAssist", { lead, assist }) : t("zh-CN", "routing.byHand", { lead }),
    });
  }
  const columns = columnLetters<ColumnKey>(intake.header.columns);
  const requests: TransferRequest[] = [];
  const per = Math.min(CASES_PER_REQUEST, MAX_TRANSFER_CASES);
  for (let i = 0; i < cases.length; i += per) requests.push({ locale, columns, cases: cases.slice(i, i + per) });
  return { requests, noLead, rows: rows.map((r) => r.row) };
}

/** One receipt from the confirm's requests, as the coordinator reads it. */
export function mergeReceipts(receipts: readonly TransferReceipt[]): TransferReceipt {
  const merged: TransferReceipt = { from: "", at: "", counts: { transferred: 0, unchanged: 0, refused: 0 }, cases: [] };
  for (const r of receipts) {
    merged.from ||= r.from;
    merged.at ||= r.at;
    for (const k of ["transferred", "unchanged", "refused"] as const) merged.counts[k] += r.counts[k];
    merged.cases.push(...r.cases);
  }
  return merged;
}

/** The 转交结果 text of one case. */
export function outcomeText(o: TransferReceipt["cases"][number], at: string, locale: Locale): string {
  const to = o.assist ? t(locale, "routing.outcome.toWithAssist", { lead: o.lead, assist: o.assist }) : o.lead;
  if (o.outcome === "transferred") return t(locale, "routing.outcome.transferred", { to, at: at.slice(0, 10) });
  if (o.outcome === "unchanged") return t(locale, "routing.outcome.unchanged", { to });
  return t(locale, "routing.outcome.refused", { message: o.message ?? o.code ?? "" });
}

/**
 * The 转交结果 column after a confirm: the confirmed rows get their outcome, rows in scope without a lead say so, and
 * every other row keeps what the column said before (it is rewritten whole, so what it said is read from the grid).
 */
export function planOutcomes(
  sheetName: string,
  grid: readonly (readonly unknown[])[],
  intake: IntakeSheet,
  plan: ConfirmPlan,
  receipt: TransferReceipt,
  locale: Locale,
): ColumnsWrite {
  const texts = new Map<number, string>();
  for (const n of plan.noLead) texts.set(n.row, t(locale, "routing.outcome.noLead"));
  for (const c of receipt.cases) if (c.row !== null) texts.set(c.row, outcomeText(c, receipt.at, locale));
  const column = intake.own.outcome ?? Math.max(intake.width, (intake.own.suggestion ?? 0) + SUGGESTION_HEADERS.length);
  const firstRow = intake.header.headerRow + 2;
  const lastRow = Math.max(firstRow, ...intake.rows.map((r) => r.row), ...texts.keys());
  const out: string[] = [];
  const fills: (string | null)[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const now = texts.get(row);
    const cell = intake.own.outcome === null ? null : grid[row - 1]?.[intake.own.outcome];
    const before = cell === null || cell === undefined ? "" : String(cell);
    const text = now ?? before;
    out.push(text);
    fills.push(text.startsWith("✗") ? SEVERITY_FILL.error : null);
  }
  return { sheetName, headerRow: intake.header.headerRow + 1, firstRow, columns: [{ column, header: OUTCOME_HEADER, texts: out, fills }] };
}

/**
 * The Idempotency-Key of one confirm request. Kept while the same request is retried (a lost answer asked again
 * gets the stored receipt, nothing is transferred twice); a new confirm after an answer arrived gets a new key, so a
 * case refused earlier (say its lead was not yet configured) is looked at afresh.
 */
export class ConfirmKeys {
  private readonly pending = new Map<string, string>();
  private readonly newKey: () => string;
  constructor(newKey: () => string = () => `transfer-${crypto.randomUUID()}`) {
    this.newKey = newKey;
  }

  keyFor(request: TransferRequest): string {
    const body = JSON.stringify(request);
    let key = this.pending.get(body);
    if (!key) this.pending.set(body, (key = this.newKey()));
    return key;
  }

  /** The answer for this request arrived: the next confirm of the same rows is a new one. */
  answered(request: TransferRequest): void {
    this.pending.delete(JSON.stringify(request));
  }
}

export const CONFIRM_ATTEMPTS = 3;

/**
 * Sends the confirm's requests from `receipts.length` on, each under its key; a request whose answer was lost (no
 * answer, a 5xx, 429) is sent again with the same key and body, so the Worker answers with the stored receipt and
 * transfers nothing twice. Pushes each receipt onto `receipts` as it comes, so a confirm that stops part-way can go
 * on later from where it stopped. Other errors (refused request, no access) are thrown at once.
 */
export async function sendConfirm(
  client: Pick<ApiClient, "confirmTransfers">,
  requests: readonly TransferRequest[],
  keys: ConfirmKeys,
  receipts: TransferReceipt[],
  o: { onRetry?: (e: ApiError) => void; wait?: (ms: number) => Promise<void> } = {},
): Promise<TransferReceipt> {
  const wait = o.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let i = receipts.length; i < requests.length; i++) {
    const request = requests[i];
    const key = keys.keyFor(request);
    for (let attempt = 1; ; attempt++) {
      try {
        receipts.push(await client.confirmTransfers(request, key));
        keys.answered(request);
        break;
      } catch (e) {
        if (!(e instanceof ApiError) || !e.retryable || attempt >= CONFIRM_ATTEMPTS) throw e;
        o.onRetry?.(e);
        await wait(500 * attempt);
      }
    }
  }
  return mergeReceipts(receipts);
}
