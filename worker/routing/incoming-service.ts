/** The receiving clerk's side of a transfer: the incoming list and 签收. */
import type { Incoming, ReceiveReceipt } from "../../ledger/api/routing.ts";
import { caseCells } from "../../ledger/routing/case-cells.ts";
import { listIncoming, receiveTransfers } from "../db/routing.ts";
import { storedCase } from "../push/content-hash.ts";
import { nowIso } from "../../ledger/clock.ts";

export async function incomingFor(db: D1Database, unitId: number, pendingOnly: boolean): Promise<Incoming> {
  const rows = await listIncoming(db, unitId, pendingOnly);
  return { cases: rows.map(({ data, ...r }) => ({ ...r, values: caseCells(storedCase(data)) })) };
}

export async function receive(db: D1Database, a: { unitId: number; caseNos: string[]; tokenId: number | null }): Promise<ReceiveReceipt> {
  const caseNos = [...new Set(a.caseNos)];
  const rows = await receiveTransfers(db, { unitId: a.unitId, caseNosJson: JSON.stringify(caseNos), tokenId: a.tokenId, now: nowIso() });
  const found = new Set(rows.map((r) => r.caseNo));
  return {
    cases: rows.map((r) => ({ caseNo: r.caseNo, outcome: r.fresh ? "received" : "already_received", receivedAt: r.receivedAt })),
    notFound: caseNos.filter((n) => !found.has(n)),
  };
}
