import path from "node:path";
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: path.join(root, "worker/wrangler.jsonc") },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(root, "worker/migrations")),
          ADMIN_TOKEN: "test-admin-token",
          // The day the Worker and the tests take as today (ledger/clock.ts); empty is the real day.
          TIAOJIE_TODAY: process.env.TIAOJIE_TODAY ?? "",
        },
      },
    })),
  ],
  test: {
    name: "worker",
    // Only the files directly in test/worker/: its subfolders (assessment/, mentors/) hold the Worker's pure
    // modules' tests, which the node project runs (vitest.config.ts).
    include: ["test/worker/*.test.ts"],
    root,
    setupFiles: ["test/worker/apply-migrations.ts", "test/worker/today.ts"],
    // Speed is the benchmarks' business: a loaded 2-core machine must not fail the six-clerk race on the clock.
    testTimeout: 30_000,
  },
});
