/**
 * What is read and thrown away of a refused body, at most, before the 413 goes out. A client still sending when
 * the runtime answers gets a connection reset instead of the 413: workerd closes the connection with the body
 * unread (and `wrangler dev`'s proxy answers "Network connection lost"). Draining after the answer
 * (ctx.waitUntil) does not help — the connection is already gone. So the rest is read, never kept, and only then
 * answered. Cloudflare's edge refuses bodies over 100 MB before a Worker sees them; a longer body gets the reset.
 */
export const MAX_DRAINED_BYTES = 128 * 1_048_576;

/** Reads and drops the rest of a body, up to MAX_DRAINED_BYTES (then gives up and cancels it). */
export async function drainBody(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let drained = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      drained += value.byteLength;
      if (drained > MAX_DRAINED_BYTES) return void (await reader.cancel());
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}
