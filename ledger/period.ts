/**
 * Assessment periods (DOMAIN §4): "2026-05" (month), "2026-Q2" (quarter), "2026" (year).
 * A period is a half-open range of ISO dates [start, end), so `date >= start AND date < end` selects it in SQL
 * and string comparison of "YYYY-MM-DD" is date comparison.
 */
export type PeriodKind = "month" | "quarter" | "year";

export interface Period {
  label: string;
  kind: PeriodKind;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** First day after the period, "YYYY-MM-DD". */
  end: string;
}

export class PeriodError extends Error {
  readonly input: string;
  constructor(input: string) {
    super(`考评期间格式不对：“${input}”。请写作 2026-05（月）、2026-Q2（季度）或 2026（年）。 Invalid period "${input}": write 2026-05 (month), 2026-Q2 (quarter) or 2026 (year).`);
    this.name = "PeriodError";
    this.input = input;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ymd = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}-01`;

/** The first day of month `m` (1-based, may be 13) of year `y`. */
function monthStart(y: number, m: number): string {
  return m > 12 ? ymd(y + 1, m - 12) : ymd(y, m);
}

export function parsePeriod(input: string): Period {
  const s = String(input ?? "").trim().toUpperCase();
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    if (y >= 1900 && y <= 2999) return { label: s, kind: "year", start: ymd(y, 1), end: ymd(y + 1, 1) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (y >= 1900 && y <= 2999) return { label: s, kind: "quarter", start: ymd(y, 3 * q - 2), end: monthStart(y, 3 * q + 1) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12) return { label: s, kind: "month", start: ymd(y, mo), end: monthStart(y, mo + 1) };
  }
  throw new PeriodError(String(input));
}

/** True when the ISO date lies in the period. */
export function inPeriod(date: string | null | undefined, p: Period): boolean {
  return date != null && date >= p.start && date < p.end;
}

/** The period of the given kind containing an ISO date. */
export function periodContaining(date: string, kind: PeriodKind): Period {
  const y = date.slice(0, 4);
  const mo = Number(date.slice(5, 7));
  if (kind === "year") return parsePeriod(y);
  if (kind === "quarter") return parsePeriod(`${y}-Q${Math.ceil(mo / 3)}`);
  return parsePeriod(date.slice(0, 7));
}

/** Whole days from `from` to `to` (ISO dates, UTC, no time zone drift). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${pad(ty, 4)}-${pad(tm + 1)}-${pad(Math.min(d, last))}`;
}
