import fc from "fast-check";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { TRANSFER_REFUSALS } from "../../ledger/api/routing.ts";
import { caseCells } from "../../ledger/routing/case-cells.ts";
import type { CaseRow } from "../../ledger/schema.ts";
import { resetAll } from "./assessment-fixtures.ts";
import { ADMIN_TOKEN, call, json } from "./helpers.ts";
import {
  CENTRE, DEPT, HAS_CHINESE, TOWN, TOWN2, caseRow, confirm, deleteCase, incoming, makeDistrict, push, receive, transferCase,
} from "./transfer-fixtures.ts";

// Issue #24 item 1, as a property over random sequences of push, delete, transfer, re-transfer and 签收 by the clerks
// of three units and the coordinator (who keeps the centre's intake ledger and transfers):
// - every case 签收 reports as received is live at the lead with exactly the transferred values;
// - every transfer that is not stored is refused with a reason (a code of the contract and a message in Chinese);
// - nothing a clerk stored becomes unreachable: every unit's live cases are what its pushes, deletes, transfers and
//   receipts left, and every version ever written is in the case's history, version by version.
// A reference model predicts each answer from the rules (worker/routing/transfer-service.ts), so a refusal must also be
// the right one: a Worker that refused everything would fail. After every step the units the step touched are compared
// with what the API returns (their live cases, their incoming transfers), and at the end of each sequence the whole
// district and every case's history. Three case numbers and three applicants make collisions and re-transfers common.

const UNITS = [CENTRE, TOWN, TOWN2, DEPT];
const LEADS = [TOWN, TOWN2, DEPT];
const NUMBERS = ["P-1", "P-2", "P-3"];
const NAMES = ["张三", "李四", "王五"];

/** What a step does, as the API is called. */
type Op =
  | { kind: "push"; unit: string; caseNo: string; name: string }
  | { kind: "delete"; unit: string; caseNo: string }
  | { kind: "transfer"; from: string | null; lead: string; caseNo: string; name: string }
  | { kind: "receive"; unit: string; caseNos: string[] };

/**
 * What a step is drawn as. A delete, a re-transfer and a 签收 pick their target among what the district holds at that
 * moment (`pick`), so they mostly meet a live case or a waiting transfer instead of a number nobody has.
 */
type Draw =
  | Op
  | { kind: "delete-live"; pick: number }
  | { kind: "retransfer"; pick: number; change: "none" | "name" | "lead" | "from"; name: string; lead: string; from: string | null }
  | { kind: "receive-pending"; pick: number; extra: string | null };

const caseNo = fc.constantFrom(...NUMBERS);
const name = fc.constantFrom(...NAMES);
const lead = fc.constantFrom(...LEADS);
const from = fc.constantFrom(null, null, TOWN, TOWN2, DEPT);
const pick = fc.nat({ max: 99 });
const draw: fc.Arbitrary<Draw> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("push" as const), unit: fc.constantFrom(...UNITS), caseNo, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), unit: fc.constantFrom(...UNITS), caseNo }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete-live" as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("transfer" as const), from, lead, caseNo, name }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("retransfer" as const), pick, change: fc.constantFrom("none", "name", "lead", "from") as fc.Arbitrary<"none" | "name" | "lead" | "from">, name, lead, from }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("receive" as const), unit: lead, caseNos: fc.uniqueArray(caseNo, { minLength: 1, maxLength: 2 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("receive-pending" as const), pick, extra: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: caseNo }) }),
  },
);

/** The call a drawn step makes, given what the district holds now. */
function resolve(m: Model, d: Draw): Op {
  const other = <T>(xs: readonly T[], x: T, want: T) => (want !== x ? want : xs[(xs.indexOf(x) + 1) % xs.length]);
  if (d.kind === "delete-live") {
    const live = UNITS.flatMap((u) => [...m.live.get(u)!.keys()].sort().map((no) => ({ unit: u, caseNo: no })));
    const target = live[d.pick % Math.max(live.length, 1)] ?? { unit: TOWN, caseNo: NUMBERS[0] };
    return { kind: "delete", ...target };
  }
  if (d.kind === "retransfer") {
    const t = m.transfers[d.pick % Math.max(m.transfers.length, 1)];
    if (!t) return { kind: "transfer", from: d.from, lead: d.lead, caseNo: NUMBERS[d.pick % NUMBERS.length], name: d.name };
    const again = { kind: "transfer" as const, from: t.from === CENTRE ? null : t.from, lead: t.to, caseNo: t.caseNo, name: t.name };
    if (d.change === "name") return { ...again, name: other(NAMES, t.name, d.name) };
    if (d.change === "lead") return { ...again, lead: other(LEADS, t.to, d.lead) };
    if (d.change === "from") return { ...again, from: d.from === again.from ? (again.from === null ? DEPT : null) : d.from };
    return again;
  }
  if (d.kind === "receive-pending") {
    const pending = m.transfers.filter((t) => !t.received);
    const t = pending[d.pick % Math.max(pending.length, 1)];
    if (!t) return { kind: "receive", unit: LEADS[d.pick % LEADS.length], caseNos: [d.extra ?? NUMBERS[0]] };
    return { kind: "receive", unit: t.to, caseNos: d.extra && d.extra !== t.caseNo ? [t.caseNo, d.extra] : [t.caseNo] };
  }
  return d;
}

interface Transfer {
  from: string;
  to: string;
  caseNo: string;
  name: string;
  received: boolean;
}

/** What the district should hold, kept from the rules alone. */
class Model {
  readonly live = new Map(UNITS.map((u) => [u, new Map<string, string>()]));
  readonly transfers: Transfer[] = [];
  /** `${unit}|${caseNo}` → the applicant of each version, version 1 first (a delete repeats the data it hid). */
  readonly history = new Map<string, string[]>();

  write(unit: string, no: string, applicant: string | null): void {
    const h = this.history.get(`${unit}|${no}`) ?? [];
    h.push(applicant ?? h[h.length - 1]);
    this.history.set(`${unit}|${no}`, h);
    if (applicant === null) this.live.get(unit)!.delete(no);
    else this.live.get(unit)!.set(no, applicant);
  }

  /** The issue code a push's row gets, or null when it lands. */
  pushBlock(unit: string, no: string): "transferred" | "transfer_pending" | null {
    if (this.transfers.some((t) => t.to === unit && t.caseNo === no && !t.received)) return "transfer_pending";
    const away = this.transfers.findIndex((t) => t.from === unit && t.caseNo === no);
    if (away < 0) return null;
    const back = this.transfers.some((t, i) => i > away && t.to === unit && t.caseNo === no && t.received);
    return back ? null : "transferred";
  }

  /** The outcome of a one-case confirm, and its refusal code. */
  transfer(from: string, lead: string, no: string, applicant: string): ["transferred" | "unchanged" | "refused", string | null] {
    if (from === lead) return ["refused", "lead_is_sender"];
    const done = this.transfers.find((t) => t.from === from && t.caseNo === no);
    if (done) return done.to === lead && done.name === applicant ? ["unchanged", null] : ["refused", "already_transferred"];
    if (this.transfers.some((t) => t.to === lead && t.caseNo === no)) return ["refused", "case_no_taken"];
    if (this.live.get(lead)!.has(no)) return ["refused", "case_no_taken"];
    if (from !== CENTRE && (this.live.get(from)!.has(no) || this.transfers.some((t) => t.to === from && t.caseNo === no && !t.received))) {
      return ["refused", "in_sender_ledger"];
    }
    return ["transferred", null];
  }
}

interface Actors {
  coordinator: string;
  clerks: Record<string, string>;
}

async function token(role: string, unit?: string): Promise<string> {
  const res = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: unit ? { role, unit } : { role } });
  expect(res.status).toBe(201);
  return (await json(res)).token;
}

/** An empty district for one run. New tokens each run: the per-token rate limit (600 a minute) is real in workerd. */
async function freshRun(): Promise<Actors> {
  await env.DB.batch(["transfer_requests", "case_transfers", "push_chunks", "pushes", "case_revisions", "cases", "assessment_daily"]
    .map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  const clerks: Record<string, string> = {};
  for (const u of LEADS) clerks[u] = await token("clerk", u);
  return { coordinator: await token("coordinator"), clerks };
}

/** Who keeps a unit's ledger: the coordinator the centre's intake, a clerk their unit's. */
const keeper = (a: Actors, unit: string) => (unit === CENTRE ? a.coordinator : a.clerks[unit]);

const sorted = <T>(xs: T[]) => [...xs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

/** A unit's live cases as the coordinator reads them equal the model's: numbers, applicants and version numbers. */
async function checkLive(m: Model, a: Actors, unit: string, step: string): Promise<void> {
  const res = await call("GET", `/api/cases?unit=${unit}&limit=1000`, { token: a.coordinator });
  expect(res.status).toBe(200);
  const got = ((await json(res)).cases as { caseNo: string; version: number; data: CaseRow }[]).map((c) => [c.caseNo, c.data.applicant, c.version]);
  const want = [...m.live.get(unit)!].map(([no, applicant]) => [no, applicant, m.history.get(`${unit}|${no}`)!.length]);
  expect(sorted(got), `${step}: ${unit}'s live cases`).toEqual(sorted(want));
}

/** A lead's incoming list as its clerk reads it equals the model's transfers to it. */
async function checkIncoming(m: Model, a: Actors, lead: string, step: string): Promise<void> {
  const got = (await incoming(a.clerks[lead])).map((c) => [c.caseNo, c.from, c.receivedAt !== null, c.values.applicant]);
  const want = m.transfers.filter((t) => t.to === lead).map((t) => [t.caseNo, t.from, t.received, t.name]);
  expect(sorted(got), `${step}: ${lead}'s incoming transfers`).toEqual(sorted(want));
}

/** The units a step may change: checked right after it (the rest keep what the last check of them saw). */
function touched(o: Op): { live: string[]; incoming: string[] } {
  if (o.kind === "push" || o.kind === "delete") return { live: [o.unit], incoming: [] };
  if (o.kind === "transfer") return { live: [...new Set([o.from ?? CENTRE, o.lead])], incoming: [o.lead] };
  return { live: [o.unit], incoming: [o.unit] };
}

/** Every version ever written to a case is in its history, version by version (the live one is checked by checkLive). */
async function checkHistories(m: Model, a: Actors): Promise<void> {
  for (const [key, names] of m.history) {
    const [unit, no] = key.split("|");
    const res = await call("GET", `/api/cases/${unit}/${no}/revisions`, { token: a.coordinator });
    expect(res.status, `${key}: history`).toBe(200);
    const revisions = (await json(res)).revisions as { version: number; data: CaseRow }[];
    const earlier = names.slice(0, -1).map((n, i) => [i + 1, n]).reverse();
    expect(revisions.map((r) => [r.version, r.data.applicant]), `${key}: earlier versions`).toEqual(earlier);
  }
}

async function run(m: Model, a: Actors, o: Op, step: string): Promise<void> {
  if (o.kind === "push") {
    const block = m.pushBlock(o.unit, o.caseNo);
    const before = m.live.get(o.unit)!.get(o.caseNo);
    const receipt = await push(keeper(a, o.unit), [caseRow(3, o.caseNo, { applicant: o.name })], o.unit === CENTRE ? { unit: CENTRE } : {});
    if (block) {
      expect(receipt.counts, step).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
      expect(receipt.issues.map((i) => [i.row, i.code, i.severity]), step).toEqual([[3, block, "error"]]);
      expect(receipt.issues[0].message, step).toMatch(HAS_CHINESE);
      return;
    }
    const outcome = before === undefined ? "inserted" : before === o.name ? "unchanged" : "updated";
    expect(receipt.counts, step).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 0, [outcome]: 1 });
    if (outcome !== "unchanged") m.write(o.unit, o.caseNo, o.name);
  } else if (o.kind === "delete") {
    const status = await deleteCase(keeper(a, o.unit), o.unit, o.caseNo);
    expect(status, step).toBe(m.live.get(o.unit)!.has(o.caseNo) ? 200 : 404);
    if (status === 200) m.write(o.unit, o.caseNo, null);
  } else if (o.kind === "transfer") {
    const from = o.from ?? CENTRE;
    const [outcome, code] = m.transfer(from, o.lead, o.caseNo, o.name);
    const receipt = await confirm(a.coordinator, [transferCase(5, o.caseNo, o.lead, { applicant: o.name })], o.from ? { from: o.from } : {});
    const got = receipt.cases[0];
    expect([got.outcome, got.code], step).toEqual([outcome, code]);
    if (got.outcome === "refused") {
      expect(TRANSFER_REFUSALS, step).toContain(got.code);
      expect(got.message, step).toMatch(HAS_CHINESE);
    }
    if (outcome === "transferred") {
      // The centre's intake case moves with its transfer (its version kept); nothing else leaves a ledger.
      if (from === CENTRE && m.live.get(CENTRE)!.has(o.caseNo)) m.write(CENTRE, o.caseNo, null);
      m.transfers.push({ from, to: o.lead, caseNo: o.caseNo, name: o.name, received: false });
    }
  } else {
    const receipt = await receive(a.clerks[o.unit], o.caseNos);
    const want: [string, string][] = [];
    const notFound: string[] = [];
    for (const no of o.caseNos) {
      const t = m.transfers.find((x) => x.to === o.unit && x.caseNo === no);
      if (!t) notFound.push(no);
      else if (t.received) want.push([no, "already_received"]);
      else {
        // Never both: a number waiting for 签收 cannot be live at its lead (the rules see to it).
        expect(m.live.get(o.unit)!.has(no), `${step}: ${no} waits for 签收 and is live at ${o.unit}`).toBe(false);
        want.push([no, "received"]);
        t.received = true;
        m.write(o.unit, no, t.name);
      }
    }
    expect(sorted(receipt.cases.map((c) => [c.caseNo, c.outcome])), step).toEqual(sorted(want));
    expect(sorted(receipt.notFound), step).toEqual(sorted(notFound));
    // Received: live at the lead, for its clerk, with exactly the transferred values.
    const sent = await incoming(a.clerks[o.unit]);
    for (const c of receipt.cases.filter((x) => x.outcome === "received")) {
      const res = await call("GET", `/api/cases/${o.unit}/${c.caseNo}`, { token: a.clerks[o.unit] });
      expect(res.status, `${step}: ${c.caseNo} received`).toBe(200);
      const values = sent.find((s) => s.caseNo === c.caseNo)!.values;
      expect(caseCells((await json(res)).data), `${step}: ${c.caseNo} as transferred`).toEqual(values);
    }
  }
}

describe("transfers over random sequences of push, delete, transfer, re-transfer and 签收", () => {
  beforeAll(async () => {
    await resetAll();
    await makeDistrict();
  });

  it("never lose a case: received means live as sent, not stored means refused with a reason, every stored version stays reachable", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draw, { minLength: 6, maxLength: 14 }), async (draws) => {
        const a = await freshRun();
        const m = new Model();
        for (let i = 0; i < draws.length; i++) {
          const o = resolve(m, draws[i]);
          const step = `step ${i + 1} ${JSON.stringify(o)}`;
          await run(m, a, o, step);
          const t = touched(o);
          for (const unit of t.live) await checkLive(m, a, unit, step);
          for (const lead of t.incoming) await checkIncoming(m, a, lead, step);
        }
        for (const unit of UNITS) await checkLive(m, a, unit, "at the end");
        for (const lead of LEADS) await checkIncoming(m, a, lead, "at the end");
        await checkHistories(m, a);
      }),
      // A fixed seed: the same sequences on every run and machine. 8 sequences of 6–14 steps (about 350 calls to
      // the Worker between them) take about 5 s of CPU on a 2-core machine; widen numRuns to hunt, not in CI.
      { seed: 24, numRuns: 8, endOnFailure: true },
    );
  }, 120_000);
});
