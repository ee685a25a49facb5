/**
 * What a normaliser makes of one cell: a value (null for an empty cell) or a refusal.
 * A refusal is never a guess: the cell becomes an issue, the clerk's text is kept in `raw`.
 */
export type Normalised<T> = { ok: true; value: T | null } | Refusal;

export interface Refusal {
  ok: false;
  raw: string;
  /**
   * Set when a date was read but the calendar has no such day (2026年2月30日): the clerk wrote the date well and
   * needs to hear that the day does not exist, not how to write a date.
   */
  noSuchDay?: NoSuchDay;
}

export interface NoSuchDay {
  year: number;
  month: number;
  /** Days the month has. */
  days: number;
}

export const EMPTY = { ok: true, value: null } as const;

export function accept<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

export function refuse(raw: unknown): { ok: false; raw: string } {
  return { ok: false, raw: typeof raw === "string" ? raw : String(raw) };
}
