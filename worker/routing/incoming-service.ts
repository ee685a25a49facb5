/** The receiving clerk's side of a transfer: the incoming list and 签收. */
import type { Incoming, ReceiveReceipt } from "../../ledger/api/routing.ts";
import type { Locale } from "../../ledger/messages.ts";
import { caseCells } from "../../ledger/routing/case-cells.ts";
import { listIncoming, receiveTransfers } from "../db/routing.ts";
import { storedCase } from "../push/content-hash.ts";
import { nowIso } from "../../ledger/clock.ts";

export async function incomingFor(db: D1Database, unitId: number, pendingOnly: boolean): Promise<Incoming> {
  const rows = await listIncoming(db, unitId, pendingOnly);
  return { cases: rows.map(({ data, ...r }) => ({ ...r, values: caseCells(storedCase(data)) })) };
}

/**
 * 签收: `received` only when the case is now live in the unit's ledger with exactly the transferred values (the batch
 * decides, worker/db/routing.ts receiveTransfers). A transfer it could not store still waits, refused with its reason.
 */
export async function receive(db: D1Database, a: { unitId: number; caseNos: string[]; tokenId: number | null; locale: Locale }): Promise<ReceiveReceipt> {
  const caseNos = [...new Set(a.caseNos)];
  const rows = await receiveTransfers(db, { unitId: a.unitId, caseNosJson: JSON.stringify(caseNos), tokenId: a.tokenId, now: nowIso() });
  const found = new Set(rows.map((r) => r.caseNo));
  return {
    cases: rows.map((r) => r.receivedAt === null
      ? { caseNo: r.caseNo, outcome: "refused", receivedAt: null, code: "case_no_taken", message: takenMessage(r.caseNo, a.locale) }
      : { caseNo: r.caseNo, outcome: r.fresh ? "received" : "already_received", receivedAt: r.receivedAt, code: null, message: null }),
    notFound: caseNos.filter((n) => !found.has(n)),
  };
}

// The only way a waiting transfer is not stored: the unit holds another live case under its number, kept from before
// a waiting transfer blocked the unit's own pushes of that number. The clerk's case is never overwritten by a receipt.
const takenMessage = (caseNo: string, locale: Locale) => locale === "en"
  ? `Your ledger already holds another case numbered ${caseNo}, with other values than the transferred one; not received. If the transferred case should replace yours, delete yours first (its versions are kept) and receive again; if they are different cases, contact the coordinator.`
  : `本单位台账中已有编号为 ${caseNo} 的另一案件，内容与转交的不同，未签收。如应以转交的案件为准，请先删除本单位的这一条（历史版本保留）再签收；如是不同案件，请联系协调员。`;
