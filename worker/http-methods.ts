import type { Context } from "hono";
import type { NotFoundHandler, RouterRoute } from "hono/types";
import type { AppEnv } from "./app-env.ts";
import { errorBody } from "./errors.ts";

/**
 * A route's path as a pattern: each `:param` stands for one segment. Exactly, as Hono's router matches it (strict:
 * /api/units/ is not /api/units), so a path with a trailing slash is a 404, not a 405 naming the method it used.
 */
function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

/** The methods some route answers at `path`, HEAD with GET (Hono serves HEAD from GET) and OPTIONS; [] for none. */
export function allowedMethods(routes: readonly RouterRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) {
    // "ALL" entries are middleware (app.use), not routes.
    if (r.method === "ALL" || !pathPattern(r.path).test(path)) continue;
    methods.add(r.method);
  }
  if (methods.size === 0) return [];
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods].sort();
}

/**
 * app.notFound: a path no route has is 404; a path that exists under other methods is 405 with `Allow`, and OPTIONS
 * on it is 204 with `Allow` (no CORS headers: the task pane calls the API from the same origin). Both in the one
 * error shape, where there is a body.
 */
export function unroutedHandler(routes: () => readonly RouterRoute[]): NotFoundHandler<AppEnv> {
  return (c: Context<AppEnv>) => {
    const allow = allowedMethods(routes(), c.req.path);
    if (allow.length === 0) {
      return c.json(errorBody("not_found", `没有这个接口 No such route: ${c.req.method} ${c.req.path}`), 404);
    }
    const Allow = allow.join(", ");
    if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow });
    return c.json(
      errorBody("method_not_allowed", `此接口不支持 ${c.req.method}，可用：${Allow} Method ${c.req.method} not allowed here; allowed: ${Allow}`, { allow }),
      405,
      { Allow },
    );
  };
}
