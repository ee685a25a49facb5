/**
 * What the assessment counts, defined once (DOMAIN §4). The TypeScript predicates below are the reference; the SQL
 * that counts in D1 (worker/db/counting-sql.ts: the rebuild of the daily counts and the direct scan the tests use)
 * is generated from the same constants, and a property test holds the triggers of migration 0014 to them.
 */
import { FINAL_STATUSES, type Stage, type Status } from "./choices.ts";
import type { CaseRow } from "./schema.ts";

/** A case is concluded when it was accepted, has a close date and one of these statuses (all but 调解中). */
export const CONCLUDED_STATUSES: readonly Status[] = FINAL_STATUSES;
/** The success rate's denominator: 撤回 and 移送裁判 are concluded but do not count for or against success. */
export const SUCCESS_DENOMINATOR_STATUSES: readonly Status[] = ["调解成功", "调解不成", "终止"];
export const SUCCESS_STATUS: Status = "调解成功";
/** 诉前化解: a success at this stage. */
export const PRE_SUIT_STAGE: Stage = "诉前";

export type CountedCase = Pick<CaseRow, "accepted" | "status" | "closedOn" | "stage" | "commitmentDue" | "commitmentMetOn">;

export const isConcluded = (c: CountedCase): boolean =>
  c.accepted && c.closedOn != null && c.status != null && CONCLUDED_STATUSES.includes(c.status);
export const countsForSuccess = (c: CountedCase): boolean => isConcluded(c) && SUCCESS_DENOMINATOR_STATUSES.includes(c.status!);
export const isSuccess = (c: CountedCase): boolean => isConcluded(c) && c.status === SUCCESS_STATUS;
export const isPreSuitSuccess = (c: CountedCase): boolean => isSuccess(c) && c.stage === PRE_SUIT_STAGE;
/** A commitment is kept when it was met on or before its due date. */
export const isCommitmentKept = (c: CountedCase): boolean =>
  c.commitmentDue != null && c.commitmentMetOn != null && c.commitmentMetOn <= c.commitmentDue;
