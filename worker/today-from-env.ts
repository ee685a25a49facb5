import { createMiddleware } from "hono/factory";
import { setToday } from "../ledger/clock.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * Puts the clock on the day named by the `TIAOJIE_TODAY` var (tests and demonstrations: see ledger/clock.ts), or on
 * the real day when it is not set. Per request, because bindings arrive with the request; the shift is whole days
 * computed from the var alone, so every isolate agrees.
 */
export const todayFromEnv = createMiddleware<AppEnv>(async (c, next) => {
  setToday(c.env.TIAOJIE_TODAY);
  await next();
});
