/**
 * The counting rules of ledger/counting.ts as SQL over a row of `cases` (its generated columns), so every statement
 * that counts is built from the same constants instead of spelling '调解成功' by hand. `r` is the row's alias with its
 * dot ("c.") or "" for a bare table.
 */
import { CONCLUDED_STATUSES, PRE_SUIT_STAGE, SUCCESS_DENOMINATOR_STATUSES, SUCCESS_STATUS } from "../../ledger/counting.ts";

/** A constant of the code as an SQL string literal. Only our own constants come here, never user data. */
function literal(s: string): string {
  if (/[\u0000-\u001f]/.test(s)) throw new Error(`not a constant: ${JSON.stringify(s)}`);
  return `'${s.replaceAll("'", "''")}'`;
}
const list = (values: readonly string[]) => `(${values.map(literal).join(", ")})`;

export const countingSql = (r: string) => ({
  concluded: `${r}accepted = 1 AND ${r}closed_on IS NOT NULL AND ${r}status IN ${list(CONCLUDED_STATUSES)}`,
  /** Within a concluded case: */
  forSuccess: `${r}status IN ${list(SUCCESS_DENOMINATOR_STATUSES)}`,
  success: `${r}status = ${literal(SUCCESS_STATUS)}`,
  preSuit: `${r}status = ${literal(SUCCESS_STATUS)} AND ${r}stage IS ${literal(PRE_SUIT_STAGE)}`,
  commitmentKept: `${r}commitment_met_on IS NOT NULL AND ${r}commitment_met_on <= ${r}commitment_due`,
  /** Days from receipt to close within `limitSql`. */
  onTime: (limitSql: string) => `julianday(${r}closed_on) - julianday(${r}received_on) <= ${limitSql}`,
});

/** The time limit of a case from assessment_time_limits (stage first, then mediation type, then the fallback). */
export const storedTimeLimitSql = (r: string) => `COALESCE(
        (SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = ${r}stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = ${r}mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))`;
