import { ApiError } from "../../ledger/api/client.ts";
import { reportApiError } from "./client.ts";
import { UsageError } from "./options.ts";
import { WorkbookError } from "./read-workbook.ts";

/**
 * What every command does with an expected failure: wrong use → usage and exit 2, an unreadable workbook → its
 * reason and exit 2, a refused API call → the server's words and its exit code. Anything else is a bug: rethrown.
 */
export function commandFailed(e: unknown, usage: string): number {
  if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\n${usage}\n`);
    return 2;
  }
  if (e instanceof WorkbookError) {
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  if (e instanceof ApiError) return reportApiError(e);
  throw e;
}
