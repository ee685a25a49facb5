/**
 * The joint-meeting digest (府院联席会议材料): the settings in force, the rows (db/digest.ts), the sections (digest.ts),
 * what of a person may leave (digest-privacy.ts).
 */
import type { Digest } from "../../ledger/api/digest.ts";
import { addDays, type Period } from "../../ledger/period.ts";
import { loadDigestCases } from "../db/digest.ts";
import { digestSections } from "./digest.ts";
import { digestForReader } from "./digest-privacy.ts";
import { configInForce } from "./limits-service.ts";
import { nowIso } from "../../ledger/clock.ts";

export async function jointMeetingDigest(db: D1Database, period: Period, asOf: string, caseLists: Digest["caseLists"], generatedAt: string = nowIso()): Promise<Digest> {
  const config = await configInForce(db);
  const { cases, partyCases } = await loadDigestCases(db, { period, asOf, agreementsSince: addDays(asOf, -config.flags.confirmationWindowDays) });
  return digestForReader(digestSections({ period, asOf, generatedAt, config, cases, partyCases, caseLists }), [...cases, ...partyCases]);
}
