// `node scripts/docs-screenshots.ts [--run]`: copy the pane screenshots the role guides show (scripts/docs-screenshot-list.ts)
// from test-output/screenshots/ into docs/images/. With --run it first runs the browser tests that take them (the
// harness builds the add-in when it is older than its sources). Fails, saying which, when a picture is missing or the
// pictures together weigh more than the limit.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DOC_IMAGES_MAX_BYTES, DOC_SCREENSHOTS } from "./docs-screenshot-list.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TAKEN = path.join(ROOT, "test-output/screenshots");
const IMAGES = path.join(ROOT, "docs/images");

function runTests(): number {
  const files = [...new Set(DOC_SCREENSHOTS.map((s) => s.test))];
  process.stdout.write(`运行浏览器测试 Running the browser tests: ${files.join(" ")}\n`);
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--project", "node", ...files], {
    cwd: ROOT,
    stdio: "inherit",
  });
  return run.status ?? 1;
}

function copy(): number {
  const missing = DOC_SCREENSHOTS.filter((s) => !existsSync(path.join(TAKEN, s.taken)));
  if (missing.length > 0) {
    for (const s of missing) process.stderr.write(`缺少 missing ${path.join("test-output/screenshots", s.taken)}: npx vitest run --project node ${s.test}\n`);
    process.stderr.write("先运行上面的测试，或加 --run。 Run those tests first, or pass --run.\n");
    return 1;
  }
  mkdirSync(IMAGES, { recursive: true });
  let total = 0;
  for (const s of DOC_SCREENSHOTS) {
    const to = path.join(IMAGES, s.image);
    copyFileSync(path.join(TAKEN, s.taken), to);
    const size = statSync(to).size;
    total += size;
    process.stdout.write(`docs/images/${s.image}  ${(size / 1024).toFixed(0)} KB  ← ${s.taken}\n`);
  }
  const line = `合计 total ${(total / 1024).toFixed(0)} KB（上限 limit ${(DOC_IMAGES_MAX_BYTES / 1024).toFixed(0)} KB）\n`;
  if (total > DOC_IMAGES_MAX_BYTES) {
    process.stderr.write(line);
    return 1;
  }
  process.stdout.write(line);
  return 0;
}

const status = process.argv.includes("--run") ? runTests() : 0;
process.exitCode = status !== 0 ? status : copy();
