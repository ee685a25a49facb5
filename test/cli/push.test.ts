import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
let admin: Record<string, string>;
let clerkShanyao: string;

beforeAll(async () => {
  server = await startTestWorker();
  admin = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: TEST_ADMIN_TOKEN };
  for (const [name, kind] of [["山腰街道", "town"], ["南埔镇", "town"]]) {
    expect((await tiaojie(["unit", "add", name, "--kind", kind], admin)).code).toBe(0);
  }
  clerkShanyao = JSON.parse((await tiaojie(["token", "create", "--role", "clerk", "--unit", "山腰街道", "--json"], admin)).stdout).token;
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
});

describe("tiaojie push", () => {
  it("pushes a ledger and prints the receipt totals; pushing the same file again reports everything unchanged", async () => {
    const env = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: clerkShanyao };
    const first = await tiaojie(["push", "samples/shanyao-2026.xlsx"], env);
    expect(first.stderr).toContain("山腰街道");
    expect(first.stdout).toMatch(/新增 60，更新 0，未变 0，退回 0/);
    expect(first.code).toBe(0);
    const again = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--json"], env);
    const totals = JSON.parse(again.stdout);
    expect(totals.counts).toEqual({ inserted: 0, updated: 0, unchanged: 60, rejected: 0 });
    expect(totals).toMatchObject({ unit: "山腰街道", complete: true, notInLedger: [], rows: 60 });
  }, 60_000);

  it("prints one JSON object with the rejected rows and their issues when the ledger has errors", async () => {
    const token = JSON.parse((await tiaojie(["token", "create", "--role", "coordinator", "--json"], admin)).stdout).token;
    const res = await tiaojie(["push", "samples/nanpu-2026-with-errors.xlsx", "--unit", "南埔镇", "--json"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: token });
    expect(res.code).toBe(1);
    const totals = JSON.parse(res.stdout);
    expect(totals.counts.rejected).toBeGreaterThan(0);
    expect(totals.rejectedRows).toHaveLength(totals.counts.rejected);
    const errors = totals.issues.filter((i: { severity: string }) => i.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toEqual(expect.objectContaining({ row: expect.any(Number), column: expect.stringMatching(/^[A-Z]+$/), code: expect.any(String), message: expect.any(String) }));
  }, 60_000);

  it("tells a coordinator to name the unit, and a clerk that another unit is not theirs", async () => {
    const coordinator = JSON.parse((await tiaojie(["token", "create", "--role", "coordinator", "--json"], admin)).stdout).token;
    const noUnit = await tiaojie(["push", "samples/shanyao-2026.xlsx"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: coordinator });
    expect(noUnit.code).toBe(2);
    expect(noUnit.stderr).toContain("--unit");
    const other = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--unit", "南埔镇"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: clerkShanyao });
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/403 forbidden/);
  }, 60_000);

  it("explains a server that cannot be reached", async () => {
    const res = await tiaojie(["push", "samples/shanyao-2026.xlsx"], { TIAOJIE_URL: "http://127.0.0.1:9", TIAOJIE_TOKEN: clerkShanyao });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("npm start");
  }, 30_000);
});
