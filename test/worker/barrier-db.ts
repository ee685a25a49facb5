import { env } from "cloudflare:workers";

/**
 * The real D1, with its first `generations` rounds of batch() calls held until all `parties` callers have made
 * theirs: round 1 is every caller's reads, round 2 every caller's write. Later calls (a caller working its request
 * out again) go straight through. Makes "at the same moment" deterministic: every caller reads before any writes.
 * `lastFirst` releases the last round's callers (the writes) in the reverse order of their arrival, so a test can make
 * either of two callers write first.
 */
export function barrierDb(parties: number, generations = 2, lastFirst = false): D1Database {
  let round = 0;
  let waiting: (() => void)[] = [];
  return {
    prepare: (query: string) => env.DB.prepare(query),
    batch: async (statements: D1PreparedStatement[]) => {
      if (round < generations) {
        await new Promise<void>((release) => {
          waiting.push(release);
          if (waiting.length === parties) {
            round++;
            const all = lastFirst && round === generations ? waiting.reverse() : waiting;
            waiting = [];
            // Released once every caller awaits (a microtask later): the last caller's own await is attached only after
            // this runs, and released at once it would always go last whatever the order.
            queueMicrotask(() => {
              for (const go of all) go();
            });
          }
        });
      }
      return env.DB.batch(statements);
    },
  } as unknown as D1Database;
}
