import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_DAYS, clockReadingTests } from "../../scripts/test-on-days.ts";

describe("the clock-reading tests CI runs again on chosen days", () => {
  it("are the test files that import the product's clock, wherever they sit", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "tiaojie-days-"));
    mkdirSync(path.join(root, "test/worker"), { recursive: true });
    mkdirSync(path.join(root, "test/e2e"), { recursive: true });
    writeFileSync(path.join(root, "test/worker/flags.test.ts"), `import { todayInChina } from "../../ledger/clock.ts";\n`);
    writeFileSync(path.join(root, "test/e2e/trend.test.ts"), `import { addDays } from "../../ledger/period.ts";\nimport { now } from "../../ledger/clock.ts";\n`);
    writeFileSync(path.join(root, "test/worker/fixed.test.ts"), `import { addDays } from "../../ledger/period.ts";\n// ledger/clock.ts is not read here\n`);
    writeFileSync(path.join(root, "test/worker/helpers.ts"), `import { now } from "../../ledger/clock.ts";\n`);
    expect(clockReadingTests(root)).toEqual(["test/e2e/trend.test.ts", "test/worker/flags.test.ts"]);
  });

  it("include the trend of this year by month, and run on New Year's Day, a leap day, New Year's Eve and years ahead", () => {
    expect(clockReadingTests()).toContain("test/e2e/assessment.test.ts");
    expect(TEST_DAYS).toEqual(["2027-01-01", "2028-02-29", "2026-12-31", "2031-06-15"]);
  });
});
