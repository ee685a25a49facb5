import { concatBytes } from "./bytes.ts";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";
import { ApiError } from "./errors.ts";

/** Bodies of every route but push chunks (which read theirs under MAX_CHUNK_BYTES themselves): units, tokens, weights, roster. */
export const MAX_BODY_BYTES = 1_048_576;

/**
 * What is read and thrown away of a refused body, at most, before the 413 goes out. A client still sending when
 * the runtime answers gets a connection reset instead of the 413: workerd closes the connection with the body
 * unread (and `wrangler dev`'s proxy answers "Network connection lost"). Draining after the answer
 * (ctx.waitUntil) does not help — the connection is already gone. So the rest is read, never kept, and only then
 * answered. Cloudflare's edge refuses bodies over 100 MB before a Worker sees them; a longer body gets the reset.
 */
export const MAX_DRAINED_BYTES = 128 * 1_048_576;

const CHUNK_ROUTE = /^\/api\/pushes\/[^/]+\/chunks$/;

function tooLarge(): ApiError {
  return new ApiError(413, "payload_too_large", `请求体超过 ${MAX_BODY_BYTES} 字节 Body exceeds ${MAX_BODY_BYTES} bytes`, { maxBytes: MAX_BODY_BYTES });
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
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

/** The whole body if it fits in `max` bytes, else null (the rest left unread). */
async function readUpTo(reader: ReadableStreamDefaultReader<Uint8Array>, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) return null;
    parts.push(value);
  }
  return concatBytes(parts, size);
}

/**
 * Refuses an oversize body before a route's JSON validator buffers any more of it: by Content-Length when it is
 * sent, otherwise as soon as the streamed body passes the limit; nothing past the limit is kept. Push chunks are
 * limited by their route (worker/push/read-json-body.ts); here they only get the drain. Whatever a route leaves
 * unread — a refused body above all — is read and dropped before the answer (MAX_DRAINED_BYTES), so the client
 * hears the 413 instead of a connection reset.
 */
export const limitRequestBody = createMiddleware<AppEnv>(async (c, next) => {
  const source = c.req.raw.body;
  if (!source) return next();
  const reader = source.getReader();
  if (c.req.method === "GET" || c.req.method === "HEAD") {
    // No route reads a body here, and a Request of these methods cannot be given one back: drop it.
    await drain(reader);
    c.req.raw = new Request(c.req.raw, { body: null });
    return next();
  }
  if (!CHUNK_ROUTE.test(c.req.path)) {
    const declared = Number(c.req.header("Content-Length") ?? NaN);
    const bytes = declared > MAX_BODY_BYTES ? null : await readUpTo(reader, MAX_BODY_BYTES);
    if (bytes === null) {
      await drain(reader);
      throw tooLarge();
    }
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  }
  let finished = false;
  // The read the route may have left pending when it stopped (a stream allows one read at a time).
  let inFlight: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      inFlight = reader.read();
      const { done, value } = await inFlight;
      inFlight = null;
      if (done) {
        finished = true;
        controller.close();
      } else controller.enqueue(value);
    },
    // A route that stops reading (a chunk over its limit) cancels this stream, not the client's body: that is
    // drained below once the answer is ready.
  });
  c.req.raw = new Request(c.req.raw, { body, duplex: "half" } as RequestInit);
  try {
    await next();
  } finally {
    const last = await (inFlight as Promise<ReadableStreamReadResult<Uint8Array>> | null)?.catch(() => null);
    if (last?.done) finished = true;
    if (!finished) await drain(reader);
  }
});
