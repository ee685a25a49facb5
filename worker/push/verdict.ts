import { contentHash } from "./content-hash.ts";

/**
 * The version of the ledger's validation rules and normalisers (ledger/validate.ts, ledger/normalise/, the ID and
 * phone checks, worker/push/content-hash.ts). Raise it with any change to what a row becomes or whether it passes:
 * verdicts kept under another version are then ignored and every chunk is validated again.
 * test/worker/push-verdict.test.ts pins a fingerprint of the rules' answers on a fixed set of rows, so a change
 * that moves them without raising this fails there.
 */
export const RULES_VERSION = 1;

/**
 * Everything besides the rows themselves that decides whether a row passes without an issue: the rules, the unit
 * (the only unit a row may name, and the default for an empty one) and the active roster (unknown_mediator). Not
 * in it: the locale, column letters and row numbers only word an issue, and a row with an issue keeps no verdict;
 * today only ever lets more rows through (future dates become past, birth dates in IDs become real), never fewer.
 */
export function verdictContext(unitName: string, roster: readonly string[]): string {
  return contentHash(JSON.stringify([RULES_VERSION, unitName, [...roster].sort()]));
}
