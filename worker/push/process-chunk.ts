import type { ColumnKey } from "../../ledger/columns.ts";
import { columnName } from "../../ledger/columns.ts";
import { normaliseText } from "../../ledger/normalise/text.ts";
import type { Issue } from "../../ledger/schema.ts";
import { validateRecords } from "../../ledger/validate.ts";
import { issueMessage } from "../../ledger/messages.ts";
import { sha256Hex } from "../auth/token-hash.ts";
import { chunkStatements, readForChunk, type ChunkWrite } from "../db/pushes.ts";
import { ApiError } from "../errors.ts";
import { canonicalJson, contentHash } from "./content-hash.ts";
import { MAX_JSON_PARAM_BYTES } from "./limits.ts";
import type { PushChunk, Receipt } from "./schema.ts";

export interface ChunkRequest {
  db: D1Database;
  pushId: string;
  idempotencyKey: string;
  rawBody: string;
  body: PushChunk;
  unit: { id: number; name: string };
  tokenId: number | null;
}

export interface ChunkOutcome {
  /** The receipt as stored: a retry returns these exact bytes. */
  receiptJson: string;
  replayed: boolean;
  /** Normalised case numbers the chunk carried (valid and rejected rows): the receipt's flags and assignments are theirs. */
  caseNos: string[];
}

/** Case number of a row as validation will read it, or null when it has none. */
function caseNoOf(values: Partial<Record<ColumnKey, unknown>>): string | null {
  const n = normaliseText(values.caseNo);
  return n.ok ? n.value : null;
}

/** Splits `{…}` items into JSON arrays whose UTF-8 size stays under D1's string limit. */
function groupJson(items: string[]): string[] {
  const groups: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const item of items) {
    const bound = item.length * 3 + 1;
    if (current.length > 0 && size + bound > MAX_JSON_PARAM_BYTES) {
      groups.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(item);
    size += bound;
  }
  if (current.length > 0) groups.push(`[${current.join(",")}]`);
  return groups;
}

/**
 * One chunk of a push: replay a stored receipt, or re-validate every row with ledger/, write new and changed rows
 * (keeping the versions they replace) and the receipt in one D1 batch.
 */
export async function processChunk(r: ChunkRequest): Promise<ChunkOutcome> {
  const { db, body, unit } = r;
  const caseNos: string[] = [];
  for (const row of body.rows) {
    const no = caseNoOf(row.values);
    if (no !== null) caseNos.push(no);
  }
  const caseNosJson = JSON.stringify(caseNos);
  const [requestHash, reads] = await Promise.all([
    sha256Hex(r.rawBody),
    readForChunk(db, { unitId: unit.id, idempotencyKey: r.idempotencyKey, pushId: r.pushId, caseNosJson }),
  ]);

  if (reads.stored) {
    if (reads.stored.requestHash === requestHash && reads.stored.pushId === r.pushId) {
      return { receiptJson: reads.stored.receipt, replayed: true, caseNos };
    }
    throw new ApiError(409, "idempotency_key_reused",
      "此 Idempotency-Key 已用于另一块数据，请为新的数据块使用新的键 This Idempotency-Key was used for a different chunk; use a new key for new data");
  }
  const push = reads.push;
  if (push) {
    if (push.unitId !== unit.id || push.wholeLedger !== body.wholeLedger || push.chunkCount !== body.chunkCount) {
      throw new ApiError(409, "push_mismatch",
        "此数据块与同一推送的其他数据块不一致（单位、wholeLedger 或 chunkCount） This chunk disagrees with earlier chunks of the same push (unit, wholeLedger or chunkCount)");
    }
    if (push.received.includes(body.chunkIndex)) {
      throw new ApiError(409, "push_mismatch",
        `第 ${body.chunkIndex} 块已用另一个 Idempotency-Key 收到 Chunk ${body.chunkIndex} was already received under another Idempotency-Key`);
    }
  }

  const results = validateRecords(body.rows, {
    locale: body.locale,
    units: [unit.name],
    mediators: reads.mediators.length > 0 ? reads.mediators : undefined,
    defaultUnit: unit.name,
    columnLetters: body.columns,
  });

  const issues: Issue[] = [];
  const rejectedRows: number[] = [];
  const toHash: { caseNo: string; canonical: string }[] = [];
  for (const res of results) {
    let rowCase = res.case;
    for (const issue of res.issues) issues.push(issue);
    if (rowCase && reads.seenEarlier.has(rowCase.caseNo)) {
      // The same case number in an earlier chunk of this push: a duplicate the chunk alone cannot see.
      issues.push({
        row: res.row, column: body.columns?.caseNo ?? null, key: "caseNo", code: "duplicate_case_no", severity: "error",
        message: issueMessage("duplicate_case_no", { header: columnName("caseNo", body.locale), value: rowCase.caseNo }, body.locale),
      });
      rowCase = null;
    }
    if (rowCase) toHash.push({ caseNo: rowCase.caseNo, canonical: canonicalJson(rowCase) });
    else rejectedRows.push(res.row);
  }
  const hashes = toHash.map((t) => contentHash(t.canonical));

  const counts = { inserted: 0, updated: 0, unchanged: 0, rejected: rejectedRows.length };
  const rowItems: string[] = [];
  const revisionItems: string[] = [];
  for (let i = 0; i < toHash.length; i++) {
    const { caseNo, canonical } = toHash[i];
    const hash = hashes[i];
    const old = reads.existing.get(caseNo);
    if (old && !old.deleted && old.inLedger && old.hash === hash) {
      counts.unchanged++;
      continue;
    }
    if (!old || old.deleted) counts.inserted++;
    else counts.updated++;
    const n = JSON.stringify(caseNo);
    rowItems.push(`{"n":${n},"h":"${hash}","d":${canonical}}`);
    if (old) revisionItems.push(`{"n":${n},"h":"${hash}"}`);
  }

  const now = new Date().toISOString();
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
    flags: [],
    assignments: [],
  };
  const write: ChunkWrite = {
    pushId: r.pushId,
    chunkIndex: body.chunkIndex,
    chunkCount: body.chunkCount,
    unitId: unit.id,
    tokenId: r.tokenId,
    wholeLedger: body.wholeLedger,
    idempotencyKey: r.idempotencyKey,
    requestHash,
    now,
    caseNosJson,
    counts,
    receiptJson: JSON.stringify(receipt),
    rowGroups: groupJson(rowItems),
    revisionGroups: groupJson(revisionItems),
  };
  let results2: D1Result[];
  try {
    results2 = await db.batch(chunkStatements(db, write));
  } catch (err) {
    // Two deliveries of the same chunk at once: the loser's batch hit the unique key and wrote nothing.
    if (/UNIQUE constraint failed: push_chunks/.test(String(err))) {
      const again = await readForChunk(db, { unitId: unit.id, idempotencyKey: r.idempotencyKey, pushId: r.pushId, caseNosJson: "[]" });
      if (again.stored && again.stored.requestHash === requestHash) return { receiptJson: again.stored.receipt, replayed: true, caseNos };
      throw new ApiError(409, "push_mismatch",
        `第 ${body.chunkIndex} 块已用另一个 Idempotency-Key 收到 Chunk ${body.chunkIndex} was already received under another Idempotency-Key`);
    }
    throw err;
  }
  const last = results2[results2.length - 1].results[0] as { receipt: string } | undefined;
  if (!last) throw new Error("receipt missing after batch");
  return { receiptJson: last.receipt, replayed: false, caseNos };
}
