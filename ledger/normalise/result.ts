/**
 * What a normaliser makes of one cell: a value (null for an empty cell) or a refusal.
 * A refusal is never a guess: the cell becomes an issue, the clerk's text is kept in `raw`.
 */
export type Normalised<T> = { ok: true; value: T | null } | { ok: false; raw: string };

export const EMPTY = { ok: true, value: null } as const;

export function accept<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

export function refuse(raw: unknown): { ok: false; raw: string } {
  return { ok: false, raw: typeof raw === "string" ? raw : String(raw) };
}
