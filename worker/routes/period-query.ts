import { parsePeriod, PeriodError, type Period } from "../../ledger/period.ts";
import { ApiError } from "../errors.ts";

/** The ?period= of a request as a Period, or 422 in the API's shape saying how to write one. */
export function periodFromQuery(label: string): Period {
  try {
    return parsePeriod(label);
  } catch (e) {
    if (!(e instanceof PeriodError)) throw e;
    throw new ApiError(422, "invalid_request", e.message, { issues: [{ path: "period", message: e.message, code: "invalid_format" }] });
  }
}
