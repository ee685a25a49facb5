import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-env.ts";
import { ApiError } from "./errors.ts";

/** Bodies of every route but push chunks (which read theirs under MAX_CHUNK_BYTES themselves): units, tokens, weights, roster. */
export const MAX_BODY_BYTES = 1_048_576;

const limited = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `请求体超过 ${MAX_BODY_BYTES} 字节 Body exceeds ${MAX_BODY_BYTES} bytes`, { maxBytes: MAX_BODY_BYTES });
  },
});

/**
 * Refuses an oversize body before a route's JSON validator buffers all of it: by Content-Length when it is sent,
 * otherwise as soon as the streamed body passes the limit.
 */
export const limitRequestBody = createMiddleware<AppEnv>(async (c, next) => {
  if (/^\/api\/pushes\/[^/]+\/chunks$/.test(c.req.path)) return next();
  return limited(c, next);
});
