import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/{ledger,cli,addin}/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      "./test/worker/vitest.config.ts",
    ],
  },
});
