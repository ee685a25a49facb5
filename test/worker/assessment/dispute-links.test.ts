import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type AssessmentConfig } from "../../../worker/assessment/config.ts";
import { crossCaseFlags, isRepeatOf, isSameDisputeElsewhere, repeatFlag, sameDisputeFlag } from "../../../worker/assessment/flags/case-rules.ts";
import { repeatPredecessors, sameDisputeElsewhere, type PartyCase } from "../../../worker/assessment/flags/dispute-links.ts";
import { addDays } from "../../../ledger/period.ts";
import type { Flag } from "../../../ledger/api/flags.ts";
import { flagCase } from "./case-fixture.ts";

// The brute-force reference: every pair of cases whose respondent and applicant names agree (the rows D1 hands over
// together), judged by the pairwise definitions. A repeat cites the latest concluded case it repeats (on the same
// day: received last, then the greater unit and case number); a case held elsewhere cites each other unit's earliest.
const later = (a: PartyCase, b: PartyCase) =>
  a.closedOn! !== b.closedOn! ? a.closedOn! > b.closedOn! : a.receivedOn !== b.receivedOn ? a.receivedOn > b.receivedOn : a.unit !== b.unit ? a.unit > b.unit : a.caseNo > b.caseNo;
const sameNames = (a: PartyCase, b: PartyCase) => a.respondent === b.respondent && a.applicant === b.applicant;

function bruteRepeats(cases: readonly PartyCase[], config: AssessmentConfig): Map<PartyCase, PartyCase> {
  const out = new Map<PartyCase, PartyCase>();
  for (const c of cases) {
    let best: PartyCase | null = null;
    for (const o of cases) if (sameNames(c, o) && isRepeatOf(c, o, config) && (best === null || later(o, best))) best = o;
    if (best) out.set(c, best);
  }
  return out;
}

function bruteElsewhere(cases: readonly PartyCase[]): Map<PartyCase, PartyCase[]> {
  const out = new Map<PartyCase, PartyCase[]>();
  for (const c of cases) {
    const perUnit = new Map<string, PartyCase>();
    for (const o of cases) {
      if (!sameNames(c, o) || !isSameDisputeElsewhere(c, o)) continue;
      const seen = perUnit.get(o.unit);
      if (!seen || o.receivedOn < seen.receivedOn || (o.receivedOn === seen.receivedOn && o.caseNo < seen.caseNo)) perUnit.set(o.unit, o);
    }
    if (perUnit.size) out.set(c, [...perUnit.keys()].sort().map((u) => perUnit.get(u)!));
  }
  return out;
}

const ref = (c: PartyCase) => `${c.unit}/${c.caseNo}`;
const asPairs = (m: Map<PartyCase, PartyCase | PartyCase[]>) =>
  [...m].map(([c, o]) => [ref(c), Array.isArray(o) ? o.map(ref) : ref(o)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const sortedFlags = (fs: Flag[]) => fs.map((f) => JSON.stringify([f.unit, f.caseNo, f.code, f.facts])).sort();

/**
 * Random ledgers built to hit the edges: few names, respondents and ID numbers (so the same name is now one person,
 * now two; rows with and without an ID mix), month ends (the window's end is clamped: 2025-02-28 + 12 months), cases
 * concluded the day they were received, a close date beside a status of 调解中 or a final status with no close date,
 * many cases concluded on the same few days (which earlier case a repeat cites), and a window of 1–24 months.
 */
const START = "2024-01-31";
const arbCase = fc.record({
  unit: fc.constantFrom("后龙镇", "南埔镇", "区住建局"),
  applicant: fc.constantFrom("王五", "李四"),
  respondent: fc.constantFrom("区人社局", "区住建局"),
  applicantId: fc.constantFrom(null, null, "11010519491231002X", "110105194912310037"),
  received: fc.oneof(fc.integer({ min: 0, max: 900 }), fc.constantFrom(0, 28, 29, 59, 394, 395, 760)),
  status: fc.constantFrom(null, "调解中", "调解成功", "调解不成", "撤回", "终止"),
  closedAfter: fc.option(fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(0)), { nil: null }),
  /** instead, one of a few days (days after START), or the day received when that is later */
  closedOnDay: fc.option(fc.constantFrom(200, 420, 600), { nil: null, freq: 2 }),
});
const arbLedger = fc.array(arbCase, { maxLength: 60 }).map((rows) =>
  rows.map((r, i) => {
    const receivedOn = addDays(START, r.received);
    return flagCase({
      caseNo: `C-${String(i).padStart(3, "0")}`, unit: r.unit, applicant: r.applicant, respondent: r.respondent, applicantId: r.applicantId,
      receivedOn, status: r.status as PartyCase["status"],
      closedOn: r.closedOnDay !== null ? addDays(START, Math.max(r.closedOnDay, r.received)) : r.closedAfter === null ? null : addDays(receivedOn, r.closedAfter),
    });
  }));
const arbConfig = fc.integer({ min: 1, max: 24 }).map((months): AssessmentConfig => ({ ...DEFAULT_CONFIG, flags: { ...DEFAULT_CONFIG.flags, repeatWithinMonths: months } }));
const arbScope = fc.func(fc.boolean());

describe("linking each case to the one before it of the same dispute", () => {
  it("finds the same repeat, citing the same earlier case, as comparing every pair", () => {
    fc.assert(
      fc.property(arbLedger, arbConfig, (cases, config) => {
        expect(asPairs(repeatPredecessors(cases, config))).toEqual(asPairs(bruteRepeats(cases, config)));
      }),
      { numRuns: 400 },
    );
  });

  it("finds the same dispute in other units' ledgers, the earliest case of each, as comparing every pair", () => {
    fc.assert(
      fc.property(arbLedger, (cases) => {
        expect(asPairs(sameDisputeElsewhere(cases))).toEqual(asPairs(bruteElsewhere(cases)));
      }),
      { numRuns: 400 },
    );
  });

  it("raises exactly the flags of comparing every pair, for the cases in scope only", () => {
    fc.assert(
      fc.property(arbLedger, arbConfig, arbScope, (cases, config, scope) => {
        const inScope = (c: PartyCase) => scope(ref(c));
        const expected: Flag[] = [];
        for (const [c, o] of bruteRepeats(cases, config)) if (inScope(c)) expected.push(repeatFlag(c, o, config));
        for (const [c, os] of bruteElsewhere(cases)) if (inScope(c)) for (const o of os) expected.push(sameDisputeFlag(c, o));
        expect(sortedFlags(crossCaseFlags(cases, config, inScope))).toEqual(sortedFlags(expected));
      }),
      { numRuns: 300 },
    );
  });

  it("reads each case's dates about log n times, not once per other case, for 4,000 cases of one dispute", () => {
    let reads = 0;
    const counted = (c: PartyCase): PartyCase =>
      new Proxy(c, { get: (t, k, r) => ((k === "receivedOn" || k === "closedOn") && reads++, Reflect.get(t, k, r)) });
    const n = 4_000;
    const cases = Array.from({ length: n }, (_, i) => {
      const receivedOn = addDays("2025-12-01", i % 365);
      return counted(flagCase({
        caseNo: `SY-${i}`, unit: i % 10 === 0 ? "南埔镇" : "山腰街道", applicant: "王五", respondent: "区人社局", receivedOn,
        status: i % 2 === 0 ? "调解成功" : "调解中", closedOn: i % 2 === 0 ? addDays(receivedOn, i % 20) : null,
      }));
    });
    const flags = crossCaseFlags(cases);
    expect(flags.filter((f) => f.code === "repeat_dispute").length).toBeGreaterThan(n / 2);
    expect(flags.some((f) => f.code === "same_dispute_two_units")).toBe(true);
    // Comparing every pair reads a date of each of the 16 million pairs; sorting and searching, some hundreds per case.
    expect(reads).toBeLessThan(300 * n);
  });
});

describe("a list of one dispute's flags", () => {
  const sameParties = { applicant: "王五", respondent: "区人社局" };
  const ledger = Array.from({ length: 12 }, (_, i) =>
    flagCase({ ...sameParties, caseNo: `SY-${String(i).padStart(2, "0")}`, unit: "山腰街道", receivedOn: addDays("2026-01-05", 10 * i), status: "调解不成", closedOn: addDays("2026-01-06", 10 * i) }));

  it("lists the latest three repeats of one dispute, the latest saying how many more there are", () => {
    const all = crossCaseFlags(ledger);
    expect(all.filter((f) => f.code === "repeat_dispute")).toHaveLength(11);
    const listed = crossCaseFlags(ledger, DEFAULT_CONFIG, undefined, { listPerDispute: 3 });
    expect(listed.map((f) => [f.caseNo, f.facts.more ?? 0])).toEqual([["SY-11", 8], ["SY-10", 0], ["SY-09", 0]]);
    expect(listed[0].message.zh).toContain("；本单位同一当事人另有重复纠纷 8 件，未逐件列出");
    expect(listed[0].message.en).toContain("; and 8 more of this unit's repeat cases between the same parties, not listed");
    expect(listed[1].message.zh).not.toContain("另有");
  });

  it("lists each dispute and each other unit apart, and a dispute within the cap whole", () => {
    const otherPerson = ledger.slice(0, 2).map((c) => ({ ...c, caseNo: `X-${c.caseNo}`, applicant: "李四" }));
    const elsewhere = ledger.map((c) => ({ ...c, caseNo: `NP-${c.caseNo}`, unit: "南埔镇", status: "调解中" as const, closedOn: null }));
    const listed = crossCaseFlags([...ledger, ...otherPerson, ...elsewhere], DEFAULT_CONFIG, undefined, { listPerDispute: 3 });
    // by unit, then case number (as the API orders them)
    const lines = listed.map((f) => [f.code, f.unit, f.caseNo, f.facts.more ?? 0] as const).sort((a, b) => (a[1] + a[2] < b[1] + b[2] ? -1 : 1));
    expect(lines.filter(([code]) => code === "repeat_dispute")).toEqual([
      // 南埔镇's open cases repeat 山腰街道's concluded ones: a dispute of its own unit's list
      ["repeat_dispute", "南埔镇", "NP-SY-09", 0], ["repeat_dispute", "南埔镇", "NP-SY-10", 0], ["repeat_dispute", "南埔镇", "NP-SY-11", 8],
      ["repeat_dispute", "山腰街道", "SY-09", 0], ["repeat_dispute", "山腰街道", "SY-10", 0], ["repeat_dispute", "山腰街道", "SY-11", 8],
      ["repeat_dispute", "山腰街道", "X-SY-01", 0],
    ]);
    const same = lines.filter(([code]) => code === "same_dispute_two_units");
    expect(same.filter(([, unit]) => unit === "南埔镇")).toEqual([
      ["same_dispute_two_units", "南埔镇", "NP-SY-09", 0], ["same_dispute_two_units", "南埔镇", "NP-SY-10", 0], ["same_dispute_two_units", "南埔镇", "NP-SY-11", 9],
    ]);
    expect(same.filter(([, unit]) => unit === "山腰街道")).toHaveLength(3);
  });
});
