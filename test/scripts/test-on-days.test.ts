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
    writeFileSync(path.join(root, "test/worker/uses-helpers.test.ts"), `import { now } from "./helpers.ts";\n`);
    // One flow run over two hosts: its fixtures move with the clock, so both hosts' tests run again on the days.
    mkdirSync(path.join(root, "test/e2e/flows"), { recursive: true });
    writeFileSync(path.join(root, "test/e2e/flows/routing-flow.ts"), `import { todayInChina } from "../../../ledger/clock.ts";\n`);
    writeFileSync(path.join(root, "test/e2e/routing.test.ts"), `import { routingFlow } from "./flows/routing-flow.ts";\n`);
    writeFileSync(path.join(root, "test/e2e/flows/clerk-flow.ts"), `import { addDays } from "../../../ledger/period.ts";\n`);
    writeFileSync(path.join(root, "test/e2e/clerk.test.ts"), `import { clerkFlow } from "./flows/clerk-flow.ts";\n`);
    expect(clockReadingTests(root)).toEqual(["test/e2e/routing.test.ts", "test/e2e/trend.test.ts", "test/worker/flags.test.ts"]);
  });

  it("include the trend of this year by month, and run on New Year's Day, a leap day, New Year's Eve and years ahead", () => {
    expect(clockReadingTests()).toContain("test/e2e/assessment.test.ts");
    expect(TEST_DAYS).toEqual(["2027-01-01", "2028-02-29", "2026-12-31", "2031-06-15"]);
  });
});
