import { createHash } from "node:crypto";
import { COLUMN_KEYS, type ColumnKey } from "../../ledger/columns.ts";
import type { CaseRow } from "../../ledger/schema.ts";

/**
 * Columns added after rows were first stored. They are written only when they hold a value, so a row that leaves
 * them empty keeps the canonical text, and so the hash, it had before they existed: re-pushing an unchanged ledger
 * after an upgrade still writes nothing.
 */
const LEFT_OUT_WHEN_EMPTY: ReadonlySet<ColumnKey> = new Set<ColumnKey>(["place"]);

/** The CaseRow as JSON with keys in catalogue order: equal rows give equal text, whatever built them. */
export function canonicalJson(row: CaseRow): string {
  const ordered: Record<string, unknown> = {};
  for (const key of COLUMN_KEYS) {
    const value = row[key] ?? null;
    if (value === null && LEFT_OUT_WHEN_EMPTY.has(key)) continue;
    ordered[key] = value;
  }
  return JSON.stringify(ordered);
}

/** A stored canonical JSON read back as a CaseRow: a column left out because it was empty is null again. */
export function storedCase(json: string): CaseRow {
  const row = JSON.parse(json) as Partial<CaseRow>;
  for (const key of LEFT_OUT_WHEN_EMPTY) if (!(key in row)) (row as Record<string, unknown>)[key] = null;
  return row as CaseRow;
}

/**
 * SHA-256 (hex) of the canonical JSON: what "unchanged" is decided on. node:crypto (nodejs_compat) hashes
 * synchronously; a thousand awaited crypto.subtle digests per chunk cost several times more.
 */
export function contentHash(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}
