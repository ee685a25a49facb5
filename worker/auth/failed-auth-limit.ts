/**
 * Slows down token guessing from one address without locking out the people who share it (an office behind one
 * NAT). Per isolate (best effort; a Worker has many isolates), which makes guessing from one address pointless
 * without a write per request.
 *
 * - A failure is an unknown token. Within a window of WINDOW_MS from an address's first failure, MAX_FAILURES
 *   *different* unknown tokens lock the address until the window ends. A typo loop resending one bad token counts
 *   once, so it never locks anyone out.
 * - While an address is locked, only tokens that already succeeded from it within GOOD_FOR_MS are looked up; any
 *   other token gets 429 without a lookup, so a guess made during the lock learns nothing, right or wrong.
 * - What is remembered of a token is a short key: a salted SHA-256 (salt random per isolate) cut to 64 bits.
 *   Never the token, never the hash stored in D1.
 */
import { now as clockNow } from "../../ledger/clock.ts";
const WINDOW_MS = 60_000;
const MAX_FAILURES = 30;
/** How long a token that worked from an address stays welcome there during a lock: a working day. */
const GOOD_FOR_MS = 12 * 3_600_000;
/** Memory bounds: addresses tracked, and tokens remembered per address (an office's clerks and coordinators). */
const MAX_ADDRESSES = 10_000;
const MAX_GOOD_PER_ADDRESS = 256;

interface Failures {
  since: number;
  /** Keys of the different unknown tokens seen in this window. */
  keys: Set<string>;
}

const failures = new Map<string, Failures>();
/** address → (token key → last success), least recently used first. */
const recentGood = new Map<string, Map<string, number>>();

/** Made on first use: workerd refuses random values in global scope. */
let salt: Uint8Array | undefined;

/** The short, non-reversible key under which a token is remembered. */
export async function tokenKey(token: string): Promise<string> {
  salt ??= crypto.getRandomValues(new Uint8Array(16));
  const text = new TextEncoder().encode(token);
  const salted = new Uint8Array(salt.length + text.length);
  salted.set(salt);
  salted.set(text, salt.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", salted));
  let s = "";
  for (const b of digest.subarray(0, 8)) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Puts `key` last in a map used as an LRU list and drops the oldest entries beyond `max`. */
function touch<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as string);
}

function currentFailures(client: string, now: number): Failures | undefined {
  const f = failures.get(client);
  if (f && now - f.since >= WINDOW_MS) {
    failures.delete(client);
    return undefined;
  }
  return f;
}

export function recordFailedAuth(client: string, key: string, now = clockNow()): void {
  const f = currentFailures(client, now);
  // A locked address's further guesses are never looked up, so the set stays within MAX_FAILURES.
  if (f) {
    if (f.keys.size < MAX_FAILURES) f.keys.add(key);
  } else touch(failures, client, { since: now, keys: new Set([key]) }, MAX_ADDRESSES);
}

export function recordGoodAuth(client: string, key: string, now = clockNow()): void {
  const good = recentGood.get(client) ?? new Map<string, number>();
  touch(good, key, now, MAX_GOOD_PER_ADDRESS);
  touch(recentGood, client, good, MAX_ADDRESSES);
}

/**
 * Seconds this token must wait before it is even looked up; 0 when it may be. Only an address over its failure
 * limit waits, and then only for tokens that have not worked from it lately.
 */
export function retryAfterSeconds(client: string, key: string, now = clockNow()): number {
  const f = currentFailures(client, now);
  if (!f || f.keys.size < MAX_FAILURES) return 0;
  const lastGood = recentGood.get(client)?.get(key);
  if (lastGood !== undefined && now - lastGood < GOOD_FOR_MS) return 0;
  return Math.max(1, Math.ceil((f.since + WINDOW_MS - now) / 1000));
}

export const FAILED_AUTH_LIMIT = { windowMs: WINDOW_MS, maxFailures: MAX_FAILURES, goodForMs: GOOD_FOR_MS } as const;
