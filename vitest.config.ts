import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/worker/**", "**/node_modules/**"],
          testTimeout: 30_000,
        },
      },
      "./test/worker/vitest.config.ts",
    ],
  },
});
