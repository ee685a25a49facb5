// The largest ledgers clerks keep, read whole: a town's 100,000 cases of 27 columns (2.1 million cells, which the
// 2,000,000-cell cap used to refuse) are validated case by case, in the memory the reader promises.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigLedger } from "../fixtures/big-ledger.ts";
import { tiaojieMeasured } from "./measured-cli.ts";

let dir = "";
let file = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-big-"));
  file = await bigLedger(path.join(dir, "ledger-100000x27.xlsx"), 100_000, 27);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a real-shaped ledger of 100,000 cases × 27 columns", () => {
  it("is read whole by tiaojie validate: every case counted and valid, in under 400 MB", async () => {
    const r = await tiaojieMeasured(["validate", file, "--unit", "山腰街道", "--today", "2026-11-25"]);
    expect(r.code, r.stderr.slice(0, 1000)).toBe(0);
    expect(r.stdout).toContain("共 100000 条案件，100000 条通过，错误 0 处");
    expect(r.peakBytes / 2 ** 20).toBeLessThan(400);
  }, 120_000);
});
