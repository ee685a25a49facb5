// The digest's pure rules (worker/assessment/digest.ts) where the district fixture of test/worker/digest.test.ts has
// no example: a unit confidently below target, commitments not yet due, an empty period. How names are written is
// test/ledger/masking.test.ts's.
import { describe, expect, it } from "vitest";
import { digestSections, type DigestCase } from "../../../worker/assessment/digest.ts";
import { DEFAULT_CONFIG } from "../../../worker/assessment/config.ts";
import { parsePeriod } from "../../../ledger/period.ts";

const base: DigestCase = {
  unit: "涂岭镇", kind: "town", caseNo: "TL-1", receivedOn: "2026-07-01", source: "当事人申请", stage: "诉前", domain: "征地拆迁", mediationType: "行政调解",
  applicant: "林某某", applicantId: null, respondent: "区自然资源局", accepted: true, status: "调解中", closedOn: null, judicialConfirmation: null,
  commitment: null, commitmentDue: null, commitmentMetOn: null, inLedger: true,
};
const run = (cases: DigestCase[], period = "2026-Q3", asOf = "2026-09-15") =>
  digestSections({ period: parsePeriod(period), asOf, generatedAt: "2026-09-15T00:00:00.000Z", config: DEFAULT_CONFIG, cases, partyCases: cases });

describe("the digest's rules", () => {
  it("marks a unit below target only when its whole interval is below 80 %: 2 of 12 is, 2 of 4 is not", () => {
    const concluded = (unit: string, n: number, successes: number) => Array.from({ length: n }, (_, i): DigestCase => ({
      ...base, unit, caseNo: `${unit}-${i}`, applicant: `申请人${unit}${i}`, status: i < successes ? "调解成功" : "调解不成", closedOn: "2026-08-01",
    }));
    const d = run([...concluded("涂岭镇", 12, 2), ...concluded("峰尾镇", 4, 2)]);
    expect(d.success.units.map((u) => [u.unit, u.num, u.den, u.belowTarget])).toEqual([["峰尾镇", 2, 4, false], ["涂岭镇", 2, 12, true]]);
    expect(d.success.units[1].high!).toBeLessThan(0.8);
  });

  it("counts a commitment due later in the period than the as-of day as pending, not overdue", () => {
    const d = run([{ ...base, status: "调解成功", closedOn: "2026-07-20", commitment: "修缮围墙", commitmentDue: "2026-09-25" }]);
    expect(d.commitments.total).toEqual({ due: 1, kept: 0, keptLate: 0, overdue: 0, pending: 1 });
    expect(d.commitments.overdueCases).toEqual([]);
  });

  it("answers an empty period with zeros and empty lists, not an error", () => {
    const d = run([], "2025-02", "2026-09-15");
    expect(d.courtReferred.total.received).toBe(0);
    expect(d.success.district).toEqual({ num: 0, den: 0, rate: null, low: null, high: null, belowTarget: false });
    expect([d.overdue.cases, d.confirmation.closing, d.repeats.cases, d.respondents.top]).toEqual([[], [], [], []]);
  });

  it("leaves cases no longer in their ledger out of the lists to act on, as the flags do, but counts them", () => {
    const gone: DigestCase = { ...base, inLedger: false };
    const d = run([gone]);
    expect(d.overdue.cases).toEqual([]);
    expect(d.respondents.top[0].received).toBe(1);
  });
});
