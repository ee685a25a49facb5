/**
 * Case subsidies (以案定补 / 以奖代补, DOMAIN §7), defined once: which case is payable, on which date, for how much
 * and to whom. Pure: the Worker feeds it stored cases, the statements and the CLI show what it returns.
 *
 * - A case is payable when it succeeded (调解成功, concluded: see ledger/counting.ts) and its agreement was performed:
 *   with no commitment, on its close date; with a commitment, on the date it was met if met by its due date,
 *   otherwise never.
 * - A dispute is paid once: among cases with the same applicant, respondent and domain, only the earliest payable
 *   one counts (earliest payable date, then earliest received, then unit and case number, so the choice is stable).
 *   It counts even when it falls in an earlier period: a later case of the same dispute is never paid again.
 * - The amount is the tier of its 难易程度; a cell naming several mediators splits it equally, to the fen, the odd
 *   fen going to the first named.
 * - A payable case without 难易程度 cannot be priced: it is listed apart, for the clerk to fill in, and still takes
 *   its dispute's one payment.
 */
import { COMPLEXITIES, type Complexity } from "./choices.ts";
import { isCommitmentKept, isSuccess } from "./counting.ts";
import { inPeriod, type Period } from "./period.ts";
import type { CaseRow } from "./schema.ts";
import { cleanText } from "./text.ts";

export type SubsidyTiers = Record<Complexity, number>;
/** Product defaults in 元; the amounts are configuration. */
export const DEFAULT_SUBSIDY_TIERS: SubsidyTiers = { 简易: 100, 普通: 200, 复杂: 400, 重大: 800 };

export type SubsidyCase = Pick<
  CaseRow,
  | "unit" | "caseNo" | "receivedOn" | "applicant" | "respondent" | "domain" | "accepted" | "status" | "closedOn" | "stage"
  | "commitment" | "commitmentDue" | "commitmentMetOn" | "complexity" | "mediator"
>;

/** The date a case becomes payable, or null when it never does. */
export function payableOn(c: SubsidyCase): string | null {
  if (!isSuccess(c)) return null;
  if (cleanText(c.commitment) === "" && c.commitmentDue == null) return c.closedOn;
  return isCommitmentKept(c) ? c.commitmentMetOn : null;
}

const squash = (s: string | null) => cleanText(s).replace(/\s+/g, "");
/** One dispute: the same applicant, respondent and domain, whatever the spacing or the ledger it sits in. */
export const disputeKey = (c: SubsidyCase): string => JSON.stringify([squash(c.applicant), squash(c.respondent), c.domain ?? "其他"]);

/** Several mediators in one cell: 林志强、王芳 / 林志强，王芳 / 林志强 王芳. */
const MEDIATOR_SEPARATORS = /[、,，;；/\s]+/;
export function mediatorsOf(cell: string | null): string[] {
  const names = cleanText(cell).split(MEDIATOR_SEPARATORS).filter(Boolean);
  return [...new Set(names)];
}

/** `fen` split into `n` shares to the fen; the first shares take the odd fen. */
export function splitFen(fen: number, n: number): number[] {
  const base = Math.floor(fen / n);
  return Array.from({ length: n }, (_, i) => base + (i < fen - base * n ? 1 : 0));
}

export interface SubsidyLine {
  mediator: string;
  /** The unit of the case (the mediator's unit in the statement). */
  unit: string;
  caseNo: string;
  tier: Complexity;
  /** This mediator's share in 元 (two decimals at most). */
  amount: number;
  /** The whole case's amount in 元, before the split. */
  caseAmount: number;
  /** How many mediators share the case. */
  sharedBy: number;
  payableOn: string;
}

export interface UnpricedCase {
  unit: string;
  caseNo: string;
  payableOn: string;
  reason: { zh: string; en: string };
}

export interface MediatorSubsidy {
  mediator: string;
  unit: string;
  cases: number;
  amount: number;
}

export interface SubsidyStatement {
  period: string;
  tiers: SubsidyTiers;
  mediators: MediatorSubsidy[];
  /** District total in 元. */
  total: number;
  lines: SubsidyLine[];
  unpriced: UnpricedCase[];
}

interface Payable {
  c: SubsidyCase;
  on: string;
}

/** The one payable case of each dispute, over every case given (all periods: a dispute is paid once ever). */
export function paidCases(cases: readonly SubsidyCase[]): Payable[] {
  const first = new Map<string, Payable>();
  for (const c of cases) {
    const on = payableOn(c);
    if (on == null) continue;
    const key = disputeKey(c);
    const held = first.get(key);
    if (!held || earlier({ c, on }, held)) first.set(key, { c, on });
  }
  return [...first.values()];
}

function earlier(a: Payable, b: Payable): boolean {
  const ka = [a.on, a.c.receivedOn, a.c.unit, a.c.caseNo];
  const kb = [b.on, b.c.receivedOn, b.c.unit, b.c.caseNo];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i];
  return false;
}

const yuan = (fen: number) => Math.round(fen) / 100;

/** A period's statement: each mediator's payable cases and total, the district total, and cases left unpriced. */
export function subsidyStatement(cases: readonly SubsidyCase[], period: Period, tiers: SubsidyTiers = DEFAULT_SUBSIDY_TIERS): SubsidyStatement {
  const lines: SubsidyLine[] = [];
  const unpriced: UnpricedCase[] = [];
  for (const { c, on } of paidCases(cases)) {
    if (!inPeriod(on, period)) continue;
    const names = mediatorsOf(c.mediator);
    if (!c.complexity || !COMPLEXITIES.includes(c.complexity) || names.length === 0) {
      unpriced.push({
        unit: c.unit, caseNo: c.caseNo, payableOn: on,
        reason: !c.complexity
          ? { zh: "难易程度为空：请在台账中填写（简易、普通、复杂、重大）", en: "No 难易程度: fill in the complexity (简易, 普通, 复杂, 重大) in the ledger" }
          : { zh: "调解员为空：请在台账中填写", en: "No mediator: fill in the mediator in the ledger" },
      });
      continue;
    }
    const caseFen = Math.round(tiers[c.complexity] * 100);
    splitFen(caseFen, names.length).forEach((fen, i) => {
      lines.push({ mediator: names[i], unit: c.unit, caseNo: c.caseNo, tier: c.complexity!, amount: yuan(fen), caseAmount: yuan(caseFen), sharedBy: names.length, payableOn: on });
    });
  }
  lines.sort((a, b) => a.unit.localeCompare(b.unit, "zh") || a.mediator.localeCompare(b.mediator, "zh") || a.payableOn.localeCompare(b.payableOn) || a.caseNo.localeCompare(b.caseNo));
  const byMediator = new Map<string, { m: MediatorSubsidy; fen: number }>();
  for (const l of lines) {
    const key = JSON.stringify([l.mediator, l.unit]);
    const e = byMediator.get(key) ?? { m: { mediator: l.mediator, unit: l.unit, cases: 0, amount: 0 }, fen: 0 };
    e.m.cases += 1;
    e.fen += Math.round(l.amount * 100);
    byMediator.set(key, e);
  }
  const mediators = [...byMediator.values()].map(({ m, fen }) => ({ ...m, amount: yuan(fen) }));
  mediators.sort((a, b) => b.amount - a.amount || a.unit.localeCompare(b.unit, "zh") || a.mediator.localeCompare(b.mediator, "zh"));
  const total = yuan(lines.reduce((s, l) => s + Math.round(l.amount * 100), 0));
  unpriced.sort((a, b) => a.unit.localeCompare(b.unit, "zh") || a.caseNo.localeCompare(b.caseNo));
  return { period: period.label, tiers, mediators, total, lines, unpriced };
}
