import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { send } from "./helpers.ts";

describe("health route", () => {
  it("answers with the number of configured units read from D1", async () => {
    await env.DB.prepare("INSERT INTO units (name, kind) VALUES (?, ?)").bind("山腰街道", "town").run();
    const res = await send(new Request("http://x/api/health"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, units: 1 });
  });
});
