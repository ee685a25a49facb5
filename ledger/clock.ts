/**
 * The one clock product code reads (a conventions test refuses `new Date()` and `Date.now()` anywhere else).
 *
 * Why one clock: what "today" is decides periods ("this year by month"), overdue flags, `future_date` and the
 * dates written on reports. Tests must pass on any day, so they move this clock to a day of their choosing
 * (`TIAOJIE_TODAY`, see `setToday`) instead of depending on the day they happen to run.
 *
 * The clock moves by whole days and keeps the time of day running: every process given the same day (the test
 * runner, `wrangler dev`, the CLI it spawns, the pane in Chromium) agrees on today without sharing state, and
 * timers, timeouts and rate windows still see time pass.
 */
const DAY_MS = 86_400_000;
/** China Standard Time: UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

let shiftMs = 0;
/** The day the shift was computed for: setting the same day again keeps it, so time never jumps back at midnight. */
let shiftedTo = "";

/** Milliseconds since the epoch, as this clock reads them. */
export function now(): number {
  return Date.now() + shiftMs;
}

/** Now as an ISO 8601 instant (UTC), the form stored in D1. */
export function nowIso(): string {
  return new Date(now()).toISOString();
}

/** The date where the offices are (China Standard Time, UTC+8) at `at` (default: now), as YYYY-MM-DD. */
export function todayInChina(at: number = now()): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant a China date (YYYY-MM-DD) begins, as the ISO string D1 stores instants in: 16:00 UTC the day before.
 * Instants (push and transfer times) are compared with period bounds through it, so a push at 07:00 on 1 January in
 * China counts in January, not in the December that UTC still shows.
 */
export function chinaDayStartIso(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Makes `day` (YYYY-MM-DD, in China) today, by whole days; undefined or "" puts the clock back on the real day.
 * For tests and demonstrations only (`TIAOJIE_TODAY` in the CLI's environment, the Worker's vars); throws on a
 * day that does not exist, so a typo cannot silently leave the real date in force.
 */
export function setToday(day: string | undefined): void {
  if (day === undefined || day === "") {
    shiftMs = 0;
    shiftedTo = "";
    return;
  }
  // The Worker sets the day on every request: once the shift is made, the clock runs on through midnight.
  if (day === shiftedTo) return;
  const m = DAY.exec(day);
  const target = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(target).toISOString().slice(0, 10) !== day) throw new Error(`TIAOJIE_TODAY must be a real date written YYYY-MM-DD, not "${day}"`);
  const realToday = Date.parse(`${todayInChina(Date.now())}T00:00:00Z`);
  shiftMs = target - realToday;
  shiftedTo = day;
}
