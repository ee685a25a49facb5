import { concatBytes } from "./bytes.ts";
import { drainBody } from "./drain-body.ts";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";
import { ApiError } from "./errors.ts";

/** Bodies of every route but push chunks (which read theirs under MAX_CHUNK_BYTES themselves): units, tokens, weights, roster. */
export const MAX_BODY_BYTES = 1_048_576;


const CHUNK_ROUTE = /^\/api\/pushes\/[^/]+\/chunks$/;

function tooLarge(): ApiError {
  return new ApiError(413, "payload_too_large", `请求体超过 ${MAX_BODY_BYTES} 字节 Body exceeds ${MAX_BODY_BYTES} bytes`, { maxBytes: MAX_BODY_BYTES });
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
    await drainBody(reader);
    c.req.raw = new Request(c.req.raw, { body: null });
    return next();
  }
  if (!CHUNK_ROUTE.test(c.req.path)) {
    const declared = Number(c.req.header("Content-Length") ?? NaN);
    const bytes = declared > MAX_BODY_BYTES ? null : await readUpTo(reader, MAX_BODY_BYTES);
    if (bytes === null) {
      await drainBody(reader);
      throw tooLarge();
    }
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  }
  // Push chunks read their own body under their own limit (worker/push/read-json-body.ts drains what it refuses);
  // a chunk refused before its body was read at all (no token, wrong unit) has it drained here, after the answer is made.
  reader.releaseLock();
  try {
    await next();
  } finally {
    const rest = c.req.raw.body;
    if (rest && !rest.locked && !c.req.raw.bodyUsed) await drainBody(rest.getReader());
  }
});
