import type { Principal } from "./auth/principal.ts";
import type { Env } from "./env.ts";

/** Hono's environment for every route: bindings plus what middleware resolved. */
export interface AppEnv {
  Bindings: Env;
  Variables: { principal: Principal };
}
