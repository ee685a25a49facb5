import { createHash } from "node:crypto";
import { COLUMN_KEYS } from "../../ledger/columns.ts";
import type { CaseRow } from "../../ledger/schema.ts";

/** The CaseRow as JSON with keys in catalogue order: equal rows give equal text, whatever built them. */
export function canonicalJson(row: CaseRow): string {
  const ordered: Record<string, unknown> = {};
  for (const key of COLUMN_KEYS) ordered[key] = row[key] ?? null;
  return JSON.stringify(ordered);
}

/**
 * SHA-256 (hex) of the canonical JSON: what "unchanged" is decided on. node:crypto (nodejs_compat) hashes
 * synchronously; a thousand awaited crypto.subtle digests per chunk cost several times more.
 */
export function contentHash(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}
