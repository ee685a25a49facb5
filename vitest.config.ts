import { defineConfig } from "vitest/config";

// Tests mirror the source tree (test/worker/assessment/ tests worker/assessment/, and so on). Two projects:
// - worker: the Worker's HTTP app in workerd against a real local D1, the test files directly in test/worker/
//   (test/worker/vitest.config.ts);
// - node: everything else, including the Worker's pure modules in test/worker/<folder>/ (assessment, mentors).
/** The workerd tests: only files directly in test/worker/, never in its subfolders. */
const WORKER_TESTS = "test/worker/*.test.ts";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/**/*.test.ts"],
          exclude: [WORKER_TESTS, "**/node_modules/**"],
          testTimeout: 30_000,
          setupFiles: ["test/support/today.ts", "test/support/english.ts"],
        },
      },
      "./test/worker/vitest.config.ts",
    ],
  },
});
