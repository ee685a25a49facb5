/** Today's date where the offices are (China Standard Time, UTC+8, no daylight saving), as YYYY-MM-DD. */
export function todayInChina(now: number = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
