import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FILE_CASES } from "../corpus/file-cases.ts";
import { tiaojie } from "../cli/run-cli.ts";

const dir = mkdtempSync(path.join(tmpdir(), "tiaojie-corpus-"));

describe("tiaojie validate answers every file of the bad-input corpus with its exit code and a plain reason", () => {
  for (const k of FILE_CASES) {
    it(`${k.name}: exits ${k.expect.exit} saying “${k.expect.says}”`, async () => {
      const file = await k.make(dir);
      const t = performance.now();
      const r = tiaojie(["validate", file, "--unit", "山腰街道", "--today", "2026-11-25"]);
      expect(performance.now() - t).toBeLessThan(60_000);
      expect(r.code, r.stderr).toBe(k.expect.exit);
      expect(k.expect.exit === 2 ? r.stderr : r.stdout).toContain(k.expect.says);
      // Never a stack trace in front of a clerk.
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }, 90_000);
  }
});
