/**
 * Which pane screenshots the role guides in docs/ show, and which browser test takes each. The tests write them into
 * test-output/screenshots/ (git-ignored, test/e2e/harness.ts `screenshot`); scripts/docs-screenshots.ts copies these
 * into docs/images/ so a guide's pictures can be taken again whenever the pane changes.
 */
export interface DocScreenshot {
  /** The file under docs/images/ that a guide links to. */
  image: string;
  /** The name the browser test gives it under test-output/screenshots/. */
  taken: string;
  /** The test file that takes it. */
  test: string;
}

export const DOC_SCREENSHOTS: readonly DocScreenshot[] = [
  { image: "clerk-validated.png", taken: "02-validated.png", test: "test/e2e/clerk.test.ts" },
  { image: "clerk-pushed.png", taken: "03-pushed.png", test: "test/e2e/clerk.test.ts" },
  { image: "coordinator-flags.png", taken: "10-coordinator-flags.png", test: "test/e2e/office.test.ts" },
  { image: "coordinator-routing.png", taken: "routing-01-suggested.png", test: "test/e2e/routing.test.ts" },
  { image: "coordinator-routing-sheet.png", taken: "routing-02-sheet-with-suggestions.png", test: "test/e2e/routing.test.ts" },
  { image: "coordinator-limits.png", taken: "42-limits-saved.png", test: "test/e2e/limits.test.ts" },
  { image: "assessment-rankings.png", taken: "11-rankings.png", test: "test/e2e/office.test.ts" },
  { image: "assessment-stats.png", taken: "60-coordinator-stats.png", test: "test/e2e/stats.test.ts" },
  { image: "court-cases.png", taken: "court-03-written.png", test: "test/e2e/court.test.ts" },
  { image: "admin-older-excel.png", taken: "older-excel-01-office-2019-validated.png", test: "test/e2e/older-excel.test.ts" },
  { image: "admin-cannot-run.png", taken: "older-excel-02-cannot-run-notice.png", test: "test/e2e/older-excel.test.ts" },
];

/** What the pictures may weigh together, so the repository does not grow by megabytes each time the pane changes. */
export const DOC_IMAGES_MAX_BYTES = 1_500_000;
