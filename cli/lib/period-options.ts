// --period and --as-of, read once for every command that takes them: a wrong value is wrong use (exit 2), said
// before anything is sent.
import { parsePeriod, PeriodError, type Period } from "../../ledger/period.ts";
import { UsageError } from "./options.ts";

/** The period --period names; missing or malformed → UsageError with how to write it. */
export function periodOption(value: string | undefined): Period {
  if (!value) throw new UsageError("需要 --period（如 2026-Q3） Missing --period (e.g. 2026-Q3)");
  try {
    return parsePeriod(value);
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}

/** --as-of as given (YYYY-MM-DD), or undefined; anything else → UsageError. The server checks it is a real day. */
export function asOfOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError("--as-of 须为 YYYY-MM-DD  --as-of must be YYYY-MM-DD");
  return value;
}
