/**
 * Slows down token guessing: after too many unknown tokens from one client within a minute, further requests get
 * 429 until the minute is over. Per isolate (best effort; a Worker has many isolates), which is enough to make
 * guessing from one address pointless without a write per request.
 */
const WINDOW_MS = 60_000;
const MAX_FAILURES = 30;
const failures = new Map<string, { since: number; count: number }>();

export function recordFailedAuth(client: string, now = Date.now()): void {
  const f = failures.get(client);
  if (!f || now - f.since > WINDOW_MS) failures.set(client, { since: now, count: 1 });
  else f.count++;
  if (failures.size > 10_000) failures.clear();
}

/** Seconds the client must wait, 0 when it may try. */
export function retryAfterSeconds(client: string, now = Date.now()): number {
  const f = failures.get(client);
  if (!f || now - f.since > WINDOW_MS) return 0;
  return f.count >= MAX_FAILURES ? Math.ceil((f.since + WINDOW_MS - now) / 1000) : 0;
}
