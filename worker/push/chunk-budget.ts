/**
 * How many rows a push chunk should carry so that its request stays inside the Worker's CPU budget per request. The
 * Free plan allows 10 ms; the Paid plan 30 s by default. A request over the limit is cut off by the platform and its
 * chunk fails, so the server tells the clients (GET /api/me, `pushRowsPerChunk`) and the push engine plans by it.
 *
 * The cost model is bench/cpu.ts's whole-request figure (the Worker's own CPU, SQLite apart): a first push of the
 * bench's rows, whose flags are denser than a real ledger's (every open case overdue, parties recurring), so real
 * chunks cost less. The bench prints the model beside what it measures; raise the figures here when it drifts above.
 */
import { MAX_ROWS_PER_CHUNK } from "../../ledger/api/push.ts";

export const FREE_PLAN_CPU_MS = 10;
/** The Worker's CPU per push request whatever its rows: routing, the token, reading the body, the push's bookkeeping. */
export const CPU_MS_PER_REQUEST = 1.5;
/** The Worker's CPU per row of a first push: parsing, validation, hashing, the write batch and the receipt's flags. */
export const CPU_MS_PER_ROW = 0.05;
/**
 * The share of the budget a chunk is planned to use. About one request in eight also pays for a young-generation
 * collection, ~5 ms at these sizes (bench/cpu.ts), so the plan leaves 40 % of the budget for it and a slower machine.
 */
const PLANNED_SHARE = 0.6;
/** Below this a push is mostly overhead; a budget that small is a mistake in the setting, not a plan. */
const MIN_ROWS = 20;

/** Rows per chunk for a CPU budget in milliseconds per request. */
export function rowsPerChunk(budgetMs: number): number {
  // The epsilon keeps binary fractions from losing a whole row ((4.5 × 0.6 − 1.5) / 0.05 is 23.999999999999993).
  const rows = Math.floor((budgetMs * PLANNED_SHARE - CPU_MS_PER_REQUEST) / CPU_MS_PER_ROW + 1e-9);
  return Math.max(MIN_ROWS, Math.min(MAX_ROWS_PER_CHUNK, rows));
}

/**
 * The budget the Worker is deployed under: the PUSH_CPU_BUDGET_MS var, or the Free plan's when it is not set or not a
 * positive number. The Free plan is the default because a chunk too small for the plan only costs speed, while a
 * chunk too large for it fails the push.
 */
export function configuredBudgetMs(setting: string | undefined): number {
  const n = Number(setting);
  return setting !== undefined && setting.trim() !== "" && Number.isFinite(n) && n > 0 ? n : FREE_PLAN_CPU_MS;
}
