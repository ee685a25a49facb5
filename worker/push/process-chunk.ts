import type { ColumnKey } from "../../ledger/columns.ts";
import { columnName } from "../../ledger/columns.ts";
import { normaliseText } from "../../ledger/normalise/text.ts";
import type { Issue } from "../../ledger/schema.ts";
import { validateRecords } from "../../ledger/validate.ts";
import { issueMessage } from "../../ledger/messages.ts";
import { nowIso, todayInChina } from "../../ledger/clock.ts";
import { ABSENT_STATE, readForChunk, writeChunk, type ChunkReads, type ChunkWrite, type StoredVerdict } from "../db/pushes.ts";
import { ApiError } from "../errors.ts";
import { canonicalJson, contentHash } from "./content-hash.ts";
import { verdictContext } from "./verdict.ts";
import type { PushChunk, Receipt } from "../../ledger/api/push.ts";

export interface ChunkRequest {
  db: D1Database;
  pushId: string;
  idempotencyKey: string;
  rawBody: string;
  body: PushChunk;
  unit: { id: number; name: string };
  tokenId: number | null;
  /** Reads to run in the write's own batch, after it, for the chunk's case numbers (the receipt's flags and assignments). */
  afterWrite?: (caseNos: string[]) => D1PreparedStatement[];
}

export interface ChunkOutcome {
  /** The receipt as stored: a retry returns these exact bytes. */
  receiptJson: string;
  replayed: boolean;
  /** Normalised case numbers the chunk carried (valid and rejected rows): the receipt's flags and assignments are theirs. */
  caseNos: string[];
  /** What `afterWrite`'s statements read, when the chunk was written now; null for a replayed receipt. */
  afterResults: D1Result[] | null;
}

/** Case number of a row as validation will read it, or null when it has none (exported for bench/cpu.ts). */
export function caseNoOf(values: Partial<Record<ColumnKey, unknown>>): string | null {
  const n = normaliseText(values.caseNo);
  return n.ok ? n.value : null;
}


/** How often a chunk is worked out again when other pushes keep changing its cases first; then 503, and the client retries. */
const MAX_ATTEMPTS = 8;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const alreadyReceived = (chunkIndex: number) => new ApiError(409, "push_mismatch",
  `第 ${chunkIndex} 块已用另一个 Idempotency-Key 收到 Chunk ${chunkIndex} was already received under another Idempotency-Key`);

/**
 * One chunk of a push: replay a stored receipt, or re-validate every row with ledger/, write new and changed rows
 * (keeping the versions they replace) and the receipt in one D1 batch. The batch asserts that the cases and the
 * push's other chunks are still as they were read; when a concurrent push got there first, the chunk is compared
 * again with what is now stored and written anew, so every version lands in the history and the receipt counts
 * what was really written.
 */
export async function processChunk(r: ChunkRequest): Promise<ChunkOutcome> {
  const { db, body, unit } = r;
  const caseNos: string[] = [];
  for (const row of body.rows) {
    const no = caseNoOf(row.values);
    if (no !== null) caseNos.push(no);
  }
  const caseNosJson = JSON.stringify(caseNos);
  // Hashed before the reads: the reads look up a verdict kept for the same bytes (node:crypto, synchronous, ~1 ms).
  const requestHash = contentHash(r.rawBody);
  const readArgs = { unitId: unit.id, idempotencyKey: r.idempotencyKey, pushId: r.pushId, caseNosJson, requestHash };
  let reads = await readForChunk(db, readArgs);
  let validated: Validated | null = null;

  for (let attempt = 1; ; attempt++) {
    if (reads.stored) {
      if (reads.stored.requestHash === requestHash && reads.stored.pushId === r.pushId) {
        return { receiptJson: reads.stored.receipt, replayed: true, caseNos, afterResults: null };
      }
      throw new ApiError(409, "idempotency_key_reused",
        "此 Idempotency-Key 已用于另一块数据，请为新的数据块使用新的键 This Idempotency-Key was used for a different chunk; use a new key for new data");
    }
    const push = reads.push;
    if (push) {
      if (push.unitId !== unit.id || push.wholeLedger !== body.wholeLedger || push.chunkCount !== body.chunkCount
        || push.confirmMissing !== (body.confirmMissing ?? null)) throw pushMismatch();
      if (push.received.includes(body.chunkIndex)) throw alreadyReceived(body.chunkIndex);
    }
    // Validation depends on the rows alone (and the roster read the first time): done once, whatever the attempts.
    // The server's own earlier verdict on the same bytes stands in for it while nothing needs writing; a row to
    // write needs its normalised case, so then the chunk is validated after all.
    validated ??= trustedVerdict(r, reads, caseNos) ?? validate(r, reads.mediators);
    if (validated.trusted && needsWriting(validated, reads)) validated = validate(r, reads.mediators);
    const write = planWrite(r, validated, reads, { requestHash, caseNosJson });
    write.after = r.afterWrite?.(caseNos);
    const outcome = await writeChunk(db, write);
    if (outcome.kind === "written") return { receiptJson: outcome.receipt, replayed: false, caseNos, afterResults: outcome.after };
    if (outcome.kind === "push_mismatch") throw pushMismatch();
    if (outcome.kind === "chunk_taken") {
      // Two deliveries of the same chunk at once: the loser's batch hit the unique key and wrote nothing.
      const again = await readForChunk(db, { ...readArgs, caseNosJson: "[]" });
      if (again.stored && again.stored.requestHash === requestHash) return { receiptJson: again.stored.receipt, replayed: true, caseNos, afterResults: null };
      throw alreadyReceived(body.chunkIndex);
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new ApiError(503, "busy",
        "同一批案件正被其他推送同时修改，本块未写入；请稍后用同一 Idempotency-Key 重试 The same cases are being changed by other pushes right now; nothing of this chunk was written, retry with the same Idempotency-Key",
        { retryAfterSeconds: 1 }, { "Retry-After": "1" });
    }
    // Spread the losers out so that they do not collide again in the same order.
    await wait(Math.random() * 10 * attempt);
    reads = await readForChunk(db, readArgs);
  }
}

const pushMismatch = () => new ApiError(409, "push_mismatch",
  "此数据块与同一推送的其他数据块不一致（单位、wholeLedger、chunkCount 或 confirmMissing） This chunk disagrees with earlier chunks of the same push (unit, wholeLedger, chunkCount or confirmMissing)");

/** Every row validated, and the canonical JSON and hash of each row that passed. */
export interface Validated {
  results: ReturnType<typeof validateRecords>;
  /**
   * Per result: its case number, canonical JSON and hash, or null when the row was rejected. The canonical JSON is
   * null when the verdict was taken from a stored one (only the hashes were kept).
   */
  cases: ({ caseNo: string; canonical: string | null; hash: string } | null)[];
  /** True when the rows were not validated now: a stored verdict on the same bytes, in the same context, stood. */
  trusted: boolean;
  /** The verdict to keep with this chunk: every row passed without an issue (and it was reached now), else null. */
  keep: StoredVerdict | null;
}

/**
 * The verdict kept for a chunk with the same bytes, when it was reached under the same rules, unit and roster: every
 * row passed without an issue then, and so it does now. The case numbers are read as validation reads them
 * (caseNoOf); a row without one cannot have passed, so a count that differs means the verdict is not used.
 */
export function trustedVerdict(r: ChunkRequest, reads: ChunkReads, caseNos: string[]): Validated | null {
  const v = reads.verdict;
  const rows = r.body.rows;
  if (!v || caseNos.length !== rows.length || v.context !== verdictContext(r.unit.name, reads.mediators)) return null;
  const hashes = JSON.parse(v.rowHashes) as string[];
  if (hashes.length !== rows.length) return null;
  const results: Validated["results"] = [];
  const cases: Validated["cases"] = [];
  for (let i = 0; i < rows.length; i++) {
    results.push({ row: rows[i].row, ok: true, unit: r.unit.name, case: null, issues: [] });
    cases.push({ caseNo: caseNos[i], canonical: null, hash: hashes[i] });
  }
  return { results, cases, trusted: true, keep: null };
}

/** Whether planWrite would write a row of `v`: a case that is new, changed, deleted or marked not in the ledger. */
export function needsWriting(v: Validated, reads: ChunkReads): boolean {
  for (const c of v.cases) {
    if (!c || reads.seenEarlier.has(c.caseNo) || reads.transferBlocks.has(c.caseNo)) continue;
    const old = reads.existing.get(c.caseNo);
    if (!(old && !old.deleted && old.inLedger && old.hash === c.hash)) return true;
  }
  return false;
}

function validate(r: ChunkRequest, mediators: string[]): Validated {
  const { body, unit } = r;
  const results = validateRecords(body.rows, {
    locale: body.locale,
    units: [unit.name],
    mediators: mediators.length > 0 ? mediators : undefined,
    defaultUnit: unit.name,
    columnLetters: body.columns,
  });
  const cases = results.map((res) => {
    const c = res.case;
    if (!c) return null;
    const canonical = canonicalJson(c);
    return { caseNo: c.caseNo, canonical, hash: contentHash(canonical) };
  });
  const clean = results.every((res) => res.issues.length === 0);
  const keep = clean && results.length > 0
    ? { context: verdictContext(unit.name, mediators), rowHashes: JSON.stringify(cases.map((c) => c!.hash)) }
    : null;
  return { results, cases, trusted: false, keep };
}

/**
 * What this attempt writes, decided from its reads; the batch's assertions make sure those reads still hold.
 * Exported for bench/cpu.ts, which times a chunk's stages one by one.
 */
export function planWrite(r: ChunkRequest, v: Validated, reads: ChunkReads, a: { requestHash: string; caseNosJson: string }): ChunkWrite {
  const { body, unit } = r;
  const issues: Issue[] = [];
  const rejectedRows: number[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  let restored = 0;
  const rowItems: string[] = [];
  const revisionItems: string[] = [];
  const expectItems: string[] = [];
  for (let i = 0; i < v.results.length; i++) {
    const res = v.results[i];
    for (const issue of res.issues) issues.push(issue);
    const c = v.cases[i];
    if (c && reads.seenEarlier.has(c.caseNo)) {
      // The same case number in an earlier chunk of this push: a duplicate the chunk alone cannot see.
      issues.push({
        row: res.row, column: body.columns?.caseNo ?? null, key: "caseNo", code: "duplicate_case_no", severity: "error",
        message: issueMessage("duplicate_case_no", { header: columnName("caseNo", body.locale), value: c.caseNo }, body.locale),
      });
    }
    const blocked = c ? reads.transferBlocks.get(c.caseNo) : undefined;
    if (c && blocked) {
      const code = blocked.kind === "away" ? "transferred" : "transfer_pending";
      issues.push({
        row: res.row, column: body.columns?.caseNo ?? null, key: "caseNo", code, severity: "error",
        message: issueMessage(code, {
          header: columnName("caseNo", body.locale), value: c.caseNo, other: blocked.other, today: todayInChina(Date.parse(blocked.transferredAt)),
        }, body.locale),
      });
    }
    if (!c || reads.seenEarlier.has(c.caseNo) || blocked) {
      rejectedRows.push(res.row);
      continue;
    }
    const n = JSON.stringify(c.caseNo);
    const old = reads.existing.get(c.caseNo);
    expectItems.push(`{"n":${n},"s":"${old ? old.state : ABSENT_STATE}"}`);
    if (old && !old.deleted && old.inLedger && old.hash === c.hash) {
      counts.unchanged++;
      continue;
    }
    if (c.canonical === null) throw new Error("a row to write needs its validated case, not a stored verdict");
    if (!old || old.deleted) counts.inserted++;
    else {
      counts.updated++;
      // Marked "not in ledger" by an earlier whole-ledger push: the upsert brings it back into the ledger.
      if (!old.inLedger) restored++;
    }
    rowItems.push(`{"n":${n},"h":"${c.hash}","d":${c.canonical}}`);
    if (old) revisionItems.push(`{"n":${n},"h":"${c.hash}"}`);
  }
  counts.rejected = rejectedRows.length;

  const now = nowIso();
  const receipt: Receipt = {
    pushId: r.pushId,
    chunkIndex: body.chunkIndex,
    chunkCount: body.chunkCount,
    unit: unit.name,
    wholeLedger: body.wholeLedger,
    receivedAt: now,
    counts,
    issues,
    rejectedRows,
    complete: false,
    notInLedger: null,
    marking: null,
    restored,
    flags: [],
    assignments: [],
  };
  return {
    pushId: r.pushId,
    chunkIndex: body.chunkIndex,
    chunkCount: body.chunkCount,
    unitId: unit.id,
    tokenId: r.tokenId,
    wholeLedger: body.wholeLedger,
    confirmMissing: body.confirmMissing ?? null,
    idempotencyKey: r.idempotencyKey,
    requestHash: a.requestHash,
    now,
    caseNosJson: a.caseNosJson,
    counts,
    receiptJson: JSON.stringify(receipt),
    rowItems,
    revisionItems,
    expectItems,
    seenEarlierCount: reads.seenEarlier.size,
    verdict: v.keep,
  };
}
