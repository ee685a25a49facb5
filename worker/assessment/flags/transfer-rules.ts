import type { Flag } from "../../../ledger/api/flags.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import { makeFlag } from "./make.ts";

export interface TransferFact {
  caseNo: string;
  from: string;
  lead: string;
  transferredAt: string;
  receivedAt: string | null;
}

/** Default days a unit has to sign for (签收) a transferred case; wrangler.jsonc var TRANSFER_RECEIPT_DAYS. */
export const DEFAULT_TRANSFER_RECEIPT_DAYS = 3;

const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/**
 * transfer_not_received: a transfer still not signed for on `today` more than `limitDays` days after the day it was
 * made (days counted in China time: transferred on the 24th with a 3-day limit, flagged from the 28th). The flag
 * belongs to the receiving unit, so a clerk sees it only for their own unit; the coordinator sees all of them.
 * A transfer received after `today` was still waiting on `today` (an asOf in the past).
 */
export function transferFlags(transfers: readonly TransferFact[], today: string, limitDays: number): Flag[] {
  const out: Flag[] = [];
  for (const t of transfers) {
    const transferredOn = todayInChina(Date.parse(t.transferredAt));
    if (transferredOn > today) continue;
    if (t.receivedAt !== null && todayInChina(Date.parse(t.receivedAt)) <= today) continue;
    const daysWaiting = dayNumber(today) - dayNumber(transferredOn);
    if (daysWaiting <= limitDays) continue;
    out.push(makeFlag("transfer_not_received", t.lead, t.caseNo, { from: t.from, lead: t.lead, transferredOn, daysWaiting, limitDays }));
  }
  return out;
}

/** The configured limit: a whole number of days ≥ 1, else the default. */
export function transferReceiptDays(configured: string | undefined): number {
  const n = Number(configured);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_TRANSFER_RECEIPT_DAYS;
}
