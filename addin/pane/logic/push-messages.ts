/**
 * What the Push page says about a push, as message bars: a bar's colour must match the outcome (a push with rows
 * refused is a warning, not a success), and a push that stopped keeps saying how far it got and which button does what.
 */
import type { PushOutcome, PushPlan, PushSummary } from "../../../ledger/api/push-engine.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { t } from "../i18n.ts";

/** Sentences run on in Chinese (。 ends them); English puts a space between. */
const join = (locale: Locale, ...sentences: string[]) => sentences.join(locale === "en" ? " " : "");

export interface Note {
  intent: "info" | "success" | "warning" | "error";
  text: string;
}

/**
 * The counts of a finished push: green only when every row was stored; with rows refused, yellow, and (once the
 * results are written beside the ledger) where the reasons are.
 */
export function pushDoneNote(s: PushSummary, locale: Locale, o: { wroteBack: boolean }): Note {
  const counts = t(locale, "push.summary", { inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected });
  if (s.rejected === 0) return { intent: "success", text: counts };
  return { intent: "warning", text: o.wroteBack ? join(locale, counts, t(locale, "push.rejectedHint", { rejected: s.rejected })) : counts };
}

/** How far a stopped push got, by its chunks' receipts: rows and chunks landed, rows left. */
export function landed(plan: PushPlan, outcome: Pick<PushOutcome, "receipts">): { done: number; total: number; chunks: number; chunkCount: number; left: number } {
  let done = 0;
  let chunks = 0;
  for (const c of plan.chunks) {
    if (!outcome.receipts[c.index]) continue;
    done += c.rows;
    chunks++;
  }
  return { done, total: plan.rows, chunks, chunkCount: plan.chunks.length, left: plan.rows - done };
}

/**
 * A cancelled or failed push: why it stopped, what of it is on the server, and what each button does next (继续上报
 * sends the rest under the same keys; 上报全部案件行 starts over from a fresh read of the sheet).
 */
export function pushStoppedNotes(plan: PushPlan, outcome: PushOutcome, locale: Locale, errorText: (e: unknown) => string): Note[] {
  const why = outcome.status === "cancelled"
    ? { intent: "warning" as const, text: t(locale, "push.cancelled") }
    : { intent: "error" as const, text: t(locale, "push.failed", { reason: errorText(outcome.error) }) };
  const progress = landed(plan, outcome);
  return [
    why,
    { intent: "info", text: join(locale, t(locale, "push.landed", progress), t(locale, "push.resumeHint", { left: progress.left })) },
  ];
}
