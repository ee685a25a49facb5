/**
 * Confirming transfers (分流确认): each intake row is validated as a push would validate it (its unit is the lead),
 * checked against the configured units and the transfers already made, and the transferable ones are written in one
 * batch with the receipt (worker/db/routing.ts writeTransfers). The batch asserts what the reads decided on; when a
 * concurrent confirm or push got there first, the request is worked out again from fresh reads.
 *
 * What keeps a transfer from losing a case (issue #24): a case number reaches a lead once and leaves a sending unit
 * once (so 签收 never has two cases for one number); never from a unit to itself; and a town or department is never
 * the sender of a case it holds live or is about to receive — the coordinator moves only the centre's intake ledger,
 * a unit's own case leaves it only when its clerk deletes it. Anything else is refused with its reason.
 */
import { columnName } from "../../ledger/columns.ts";
import { normaliseText } from "../../ledger/normalise/text.ts";
import type { Issue } from "../../ledger/schema.ts";
import { nowIso, todayInChina } from "../../ledger/clock.ts";
import { validateRecords } from "../../ledger/validate.ts";
import type { TransferOutcome, TransferReceipt, TransferRefusal, TransferRequestSchema } from "../../ledger/api/routing.ts";
import type { z } from "zod";
import { sha256Hex } from "../auth/token-hash.ts";
import { readForTransfer, writeTransfers, type TransferReads } from "../db/routing.ts";
import { ApiError } from "../errors.ts";
import { canonicalJson, contentHash } from "../push/content-hash.ts";

type Body = z.output<typeof TransferRequestSchema>;

const MAX_ATTEMPTS = 5;

export interface ConfirmRequest {
  db: D1Database;
  key: string;
  body: Body;
  tokenId: number | null;
}

/** The receipt, as stored: a retry with the same key and body gets these bytes again. */
export async function confirmTransfers(r: ConfirmRequest): Promise<string> {
  const requestHash = await sha256Hex(JSON.stringify(r.body));
  for (let attempt = 1; ; attempt++) {
    const units = await unitsOnce(r.db);
    const from = sendingUnit(r.body, units);
    const caseNos = r.body.cases.map((c) => caseNoOf(c.values)).filter((n): n is string => n !== null);
    const leadIds = r.body.cases.map((c) => units.find((u) => u.name === c.lead)?.id ?? null);
    const pairs = r.body.cases.flatMap((c, i) => {
      const n = caseNoOf(c.values);
      return n !== null && leadIds[i] !== null ? [{ u: leadIds[i], n }] : [];
    });
    const reads = await readForTransfer(r.db, { key: r.key, fromUnitId: from.id, caseNosJson: JSON.stringify(caseNos), pairsJson: JSON.stringify(pairs) });
    if (reads.stored) {
      if (reads.stored.requestHash === requestHash) return reads.stored.receipt;
      throw keyReused();
    }
    const now = nowIso();
    const { receipt, items } = plan(r.body, from, reads, now);
    const receiptJson = JSON.stringify(receipt);
    const outcome = await writeTransfers(r.db, {
      key: r.key, requestHash, receiptJson, fromUnitId: from.id, senderCasesMove: from.kind === "centre", tokenId: r.tokenId, now,
      itemsJson: JSON.stringify(items),
    });
    if (outcome.kind === "written") return receiptJson;
    if (outcome.kind === "key_taken") continue; // the same request landed meanwhile: its stored receipt is read next time
    if (attempt >= MAX_ATTEMPTS) {
      throw new ApiError(503, "busy",
        "这些案件正被同时转交或推送，本次未写入；请稍后用同一 Idempotency-Key 重试 These cases are being transferred or pushed at the same time; nothing was written, retry with the same Idempotency-Key",
        { retryAfterSeconds: 1 }, { "Retry-After": "1" });
    }
  }
}

const keyReused = () => new ApiError(409, "idempotency_key_reused",
  "此 Idempotency-Key 已用于另一次转交，请为新的转交使用新的键 This Idempotency-Key was used for a different transfer request; use a new key");

// The units come with the other reads in readForTransfer; this first read only resolves the names the request uses.
async function unitsOnce(db: D1Database) {
  const { results } = await db.prepare(`SELECT id, name, kind FROM units ORDER BY id`).all<{ id: number; name: string; kind: string }>();
  return results;
}

function sendingUnit(body: Body, units: { id: number; name: string; kind: string }[]): { id: number; name: string; kind: string } {
  if (body.from !== undefined) {
    const u = units.find((x) => x.name === body.from);
    if (!u) throw new ApiError(422, "invalid_request", `没有单位“${body.from}” No such unit: ${body.from}`, { issues: [{ path: "from", message: "unknown unit", code: "custom" }] });
    return u;
  }
  const centres = units.filter((u) => u.kind === "centre");
  if (centres.length !== 1) {
    throw new ApiError(422, "invalid_request",
      centres.length === 0
        ? "没有登记调解中心（kind centre）单位，请先登记，或用 from 指明转出单位 No centre unit is configured; add one, or name the sending unit in from"
        : `登记了多个调解中心（${centres.map((c) => c.name).join("、")}），请用 from 指明转出单位 Several centre units are configured; name the sending unit in from`,
      { issues: [{ path: "from", message: "required", code: "custom" }] });
  }
  return centres[0];
}

function caseNoOf(values: Record<string, unknown>): string | null {
  const n = normaliseText(values.caseNo);
  return n.ok ? n.value : null;
}

interface Item {
  n: string;
  to: number;
  as: number | null;
  b: string | null;
  r: string | null;
  d: string;
  h: string;
}

function plan(body: Body, from: { id: number; name: string; kind: string }, reads: TransferReads, now: string): { receipt: TransferReceipt; items: Item[] } {
  const en = body.locale === "en";
  const byName = new Map(reads.units.map((u) => [u.name, u]));
  const leads = reads.units.filter((u) => u.kind === "town" || u.kind === "department").map((u) => u.name);
  // Each row is read as the lead unit's ledger would read it: the unit column says the lead.
  const results = validateRecords(
    body.cases.map((c, i) => ({ row: c.row ?? i + 1, values: { ...c.values, unit: c.lead } })),
    { locale: body.locale, units: reads.units.map((u) => u.name), columnLetters: body.columns },
  );
  const seen = new Set<string>();
  const items: Item[] = [];
  const cases: TransferOutcome[] = body.cases.map((c, i) => {
    const res = results[i];
    const caseNo = caseNoOf(c.values);
    // The lead's unit column is ours, not the coordinator's: an issue there is about the lead, said below.
    const issues: Issue[] = res.issues.filter((x) => x.key !== "unit");
    const out = (outcome: TransferOutcome["outcome"], code: TransferRefusal | null = null, message: string | null = null): TransferOutcome =>
      ({ row: c.row ?? null, caseNo, outcome, lead: c.lead, assist: c.assist, code, message, issues });
    if (caseNo !== null && seen.has(caseNo)) {
      return out("refused", "duplicate_case_no", en
        ? `Case number ${caseNo} appears twice in this confirmation; only its first row was taken.`
        : `案件编号 ${caseNo} 在本次确认中出现两次，只处理了第一行。`);
    }
    if (caseNo !== null) seen.add(caseNo);
    const lead = byName.get(c.lead);
    if (!lead || !(lead.kind === "town" || lead.kind === "department")) {
      return out("refused", "unknown_lead", en
        ? `The lead unit "${c.lead}" is not a configured town or department; choose one of: ${leads.join(", ")}.`
        : `承办单位“${c.lead}”不是已登记的镇街或区直单位，请从以下选择：${leads.join("、")}。`);
    }
    if (c.assist !== null && (!byName.has(c.assist) || c.assist === c.lead)) {
      return out("refused", "unknown_assist", c.assist === c.lead
        ? (en ? `The assisting unit cannot be the lead unit ${c.lead}; leave it empty or choose another unit.` : `协办单位不能与承办单位（${c.lead}）相同，请留空或另选单位。`)
        : (en ? `The assisting unit "${c.assist}" is not a configured unit.` : `协办单位“${c.assist}”不是已登记的单位，请核对名称。`));
    }
    if (lead.id === from.id) {
      return out("refused", "lead_is_sender", en
        ? `The sending unit and the lead are both ${c.lead}: the case is already there; choose another lead or leave it in ${c.lead}'s ledger.`
        : `转出单位与承办单位都是${c.lead}，案件无需转交；请另选承办单位，或留在${c.lead}的台账中办理。`);
    }
    if (!res.case || caseNo === null || issues.some((x) => x.severity === "error")) {
      return out("refused", "invalid_row", en
        ? `The row has errors (${issues.filter((x) => x.severity === "error").map((x) => columnName(x.key, body.locale)).join(", ") || "case number"}); fix the intake sheet and confirm again.`
        : `该行有错误（${issues.filter((x) => x.severity === "error").map((x) => columnName(x.key, body.locale)).join("、") || "案件编号"}），请在收案登记表中改正后重新确认。`);
    }
    const canonical = canonicalJson(res.case);
    const hash = contentHash(canonical);
    const done = reads.transfers.get(caseNo);
    if (done) {
      const on = todayInChina(Date.parse(done.transferredAt));
      if (done.to === c.lead && done.assist === c.assist && done.contentHash === hash) return out("unchanged");
      if (done.to === c.lead && done.assist === c.assist) {
        return out("refused", "already_transferred", en
          ? `Case ${caseNo} was transferred to ${done.to} on ${on} with other values than these; a transfer is not changed afterwards: ${done.to} corrects the case in its ledger once received.`
          : `案件 ${caseNo} 已于 ${on} 转交${done.to}，内容与本次不同；转交后不再改动，如需更正，请${done.to}签收后在其台账中修改。`);
      }
      return out("refused", "already_transferred", en
        ? `Case ${caseNo} was already transferred to ${done.to} on ${on}; it cannot be transferred again from here.`
        : `案件 ${caseNo} 已于 ${on} 转交${done.to}，不能再次转交；如需改派，请与${done.to}协商。`);
    }
    const arrived = reads.arrived.get(`${lead.id}\u0000${caseNo}`);
    if (arrived) {
      const on = todayInChina(Date.parse(arrived.transferredAt));
      return out("refused", "case_no_taken", en
        ? `${c.lead} already has a case numbered ${caseNo} transferred from ${arrived.from} on ${on}; a case number reaches a unit once. Give the intake case its own number and confirm again.`
        : `${c.lead}已有${arrived.from}于 ${on} 转交的编号为 ${caseNo} 的案件，同一编号只能转入一次；请为该收案另编案件编号后重新确认。`);
    }
    if (reads.taken.has(`${lead.id}\u0000${caseNo}`)) {
      return out("refused", "case_no_taken", en
        ? `${c.lead}'s ledger already has a case numbered ${caseNo}; give the intake case its own number and confirm again.`
        : `${c.lead}的台账中已有编号为 ${caseNo} 的案件，请为该收案另编案件编号后重新确认。`);
    }
    // The centre's intake ledger is the coordinator's own and moves with its transfers; a town's or a department's
    // case stays in its ledger until its clerk deletes it (refusing is the safe choice: the unit's counts and the
    // clerk's newer values never change behind their back, and the clerk's delete keeps every version).
    const hold = from.kind === "centre" ? undefined : reads.senderHolds.get(caseNo);
    if (hold === "live") {
      return out("refused", "in_sender_ledger", en
        ? `Case ${caseNo} is live in ${from.name}'s ledger; a unit's own case leaves it only when its clerk deletes it (its versions are kept). Ask ${from.name} to delete it first, then confirm again.`
        : `案件 ${caseNo} 在${from.name}的台账中，单位自己的案件只能由本单位台账员删除后移出（历史版本保留）；请${from.name}先删除该案件，再重新确认。`);
    }
    if (hold === "pending") {
      return out("refused", "in_sender_ledger", en
        ? `Case ${caseNo} was transferred to ${from.name} and waits for its receipt (签收); it can be transferred on only after ${from.name} received it and deleted it from its ledger.`
        : `案件 ${caseNo} 已转交${from.name}，尚未签收；须${from.name}签收并从其台账删除后，才能由其转出。`);
    }
    items.push({ n: caseNo, to: lead.id, as: c.assist === null ? null : byName.get(c.assist)!.id, b: c.basis, r: c.reason, d: canonical, h: hash });
    return out("transferred");
  });
  const counts = { transferred: 0, unchanged: 0, refused: 0 };
  for (const c of cases) counts[c.outcome]++;
  return { receipt: { from: from.name, at: now, counts, cases }, items };
}
