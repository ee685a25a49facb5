import { describe, expect, it } from "vitest";
import { MAX_ROWS_PER_CHUNK } from "../../../ledger/api/push.ts";
import { CPU_MS_PER_REQUEST, CPU_MS_PER_ROW, FREE_PLAN_CPU_MS, configuredBudgetMs, rowsPerChunk } from "../../../worker/push/chunk-budget.ts";

const planned = (rows: number) => CPU_MS_PER_REQUEST + rows * CPU_MS_PER_ROW;

describe("push chunk size from the Worker's CPU budget per request", () => {
  it("plans the Free plan's chunks to use at most three fifths of its 10 ms, and as many rows as fit that", () => {
    const rows = rowsPerChunk(FREE_PLAN_CPU_MS);
    expect(rows).toBe(90);
    expect(planned(rows)).toBeLessThanOrEqual(0.6 * FREE_PLAN_CPU_MS);
    expect(planned(rows + 1)).toBeGreaterThan(0.6 * FREE_PLAN_CPU_MS);
    expect(rows).toBeLessThan(MAX_ROWS_PER_CHUNK);
  });

  it("gives the largest chunk the server takes under the Paid plan's 30 s", () => {
    expect(rowsPerChunk(30_000)).toBe(MAX_ROWS_PER_CHUNK);
  });

  it("does not lose a row to binary fractions: 4.5 ms plans 24 rows, exactly 2.7 ms, and 8 ms 66 rows", () => {
    expect(rowsPerChunk(4.5)).toBe(24);
    expect(rowsPerChunk(8)).toBe(66);
  });

  it("still pushes under a budget too small for any real chunk, twenty rows at a time", () => {
    expect(rowsPerChunk(1)).toBe(20);
  });

  it("reads PUSH_CPU_BUDGET_MS, and takes the Free plan's budget when it is unset, empty, zero, negative or not a number", () => {
    expect(configuredBudgetMs("50")).toBe(50);
    expect(configuredBudgetMs("2.5")).toBe(2.5);
    for (const bad of [undefined, "", " ", "0", "-5", "十", "NaN", "Infinity"]) expect(configuredBudgetMs(bad), String(bad)).toBe(FREE_PLAN_CPU_MS);
  });
});
