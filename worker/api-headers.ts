import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.ts";

/**
 * Every /api response, errors included: never stored by a browser or proxy (cases carry names, ID numbers and
 * phones; token creation carries the token), and never sniffed into something other than its declared type.
 */
export const apiResponseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
  c.header("X-Content-Type-Options", "nosniff");
});
