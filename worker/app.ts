import { Hono } from "hono";
import type { Env } from "./env.ts";
import { countUnits } from "./db/health.ts";

export const app = new Hono<{ Bindings: Env }>();

app.get("/api/health", async (c) => {
  const units = await countUnits(c.env.DB);
  return c.json({ ok: true, units });
});
