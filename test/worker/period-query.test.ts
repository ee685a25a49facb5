import { beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../../ledger/clock.ts";
import { UNIT_A, call, json, makeWorld, resetDb, type World } from "./helpers.ts";

let w: World;
beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
});

const nextYear = Number(todayInChina().slice(0, 4)) + 1;

/** Every route that takes ?period= or ?asOf=, as a role allowed to use it. */
const routes = (q: string) => [
  ["POST", `/api/mentors/assignments?${q}`],
  ["GET", `/api/rankings?${q}`],
  ["GET", `/api/assessments/${UNIT_A}?${q}`],
  ["GET", `/api/flags?${q}`],
] as const;

async function expect422(method: string, path: string, field: string, pattern: RegExp) {
  const res = await call(method, path, { token: w.coordinator });
  expect(res.status, `${method} ${path}`).toBe(422);
  const body = await json(res);
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.message).toMatch(pattern);
  expect(body.error.details.issues[0].path).toBe(field);
}

describe("period and asOf in the query", () => {
  it.each(["2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31"])("refuses asOf=%s, which is no calendar day, on every route", async (day) => {
    for (const [method, path] of routes(`period=2026-Q2&asOf=${day}`)) {
      await expect422(method, path, "asOf", /不是真实的日期.*Not a real calendar day/);
    }
  });

  it.each(["1970", "1999-Q4", "2206-05", `${nextYear + 1}`])("refuses period=%s, outside the years that can be assessed, on every route", async (period) => {
    for (const [method, path] of routes(`period=${period}`)) {
      await expect422(method, path, "period", /年份须在 2000–\d{4} 之间 Year must be between 2000 and/);
    }
  });

  it("refuses asOf in 1970 too", async () => {
    await expect422("GET", "/api/rankings?period=2026&asOf=1970-01-01", "asOf", /Year must be between/);
  });

  it("accepts a leap day, this year's and next year's periods", async () => {
    for (const path of ["/api/rankings?period=2024&asOf=2024-02-29", `/api/rankings?period=${nextYear}-Q1`, "/api/rankings?period=2000-01"]) {
      expect((await call("GET", path, { token: w.coordinator })).status, path).toBe(200);
    }
    expect((await call("POST", "/api/mentors/assignments?period=2026-Q2&asOf=2026-06-30", { token: w.coordinator })).status).toBe(200);
  });
});
