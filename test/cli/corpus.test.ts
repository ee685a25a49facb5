import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_CASES } from "../corpus/file-cases.ts";
import { tiaojieMeasured } from "./measured-cli.ts";
import { recordingServer } from "./recording-server.ts";

const dir = mkdtempSync(path.join(tmpdir(), "tiaojie-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Every corpus file, however hostile, is read or refused within this much memory. */
const MEMORY = 1024 ** 3;
const files = new Map<string, string>();
const fileOf = async (k: (typeof FILE_CASES)[number]) => {
  if (!files.has(k.name)) files.set(k.name, await k.make(dir));
  return files.get(k.name)!;
};

describe("tiaojie validate answers every file of the bad-input corpus with its exit code and a plain reason, in under 1 GB", () => {
  for (const k of FILE_CASES) {
    it(`${k.name}: exits ${k.expect.exit} saying “${k.expect.says}”`, async () => {
      const file = await fileOf(k);
      const r = await tiaojieMeasured(["validate", file, "--unit", "山腰街道", "--today", "2026-11-25"]);
      expect(r.ms).toBeLessThan(60_000);
      expect(r.code, r.stderr.slice(0, 2000)).toBe(k.expect.exit);
      expect(k.expect.exit === 2 ? r.stderr : r.stdout).toContain(k.expect.says);
      // Never a stack trace in front of a clerk.
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.peakBytes, `peak ${(r.peakBytes / 2 ** 20).toFixed(0)} MB`).toBeGreaterThan(0);
      expect(r.peakBytes, `peak ${(r.peakBytes / 2 ** 20).toFixed(0)} MB`).toBeLessThan(MEMORY);
      if (k.expect.saysEn) {
        const en = await tiaojieMeasured(["validate", file, "--locale", "en"]);
        expect(en.code).toBe(2);
        expect(en.stderr).toContain(k.expect.saysEn);
        // English only, apart from the sheet's own name.
        expect(en.stderr.replaceAll("台账", "")).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }, 120_000);
  }
});

describe("tiaojie push reads or refuses every corpus file the same way, refusing before it sends anything", () => {
  let server: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => (server = await recordingServer()));
  afterAll(() => server.close());

  for (const k of FILE_CASES) {
    const refused = k.expect.exit === 2;
    it(`${k.name}: ${refused ? `exits 2 saying “${k.expect.says}” and sends nothing` : "is pushed"}`, async () => {
      const file = await fileOf(k);
      server.requests.length = 0;
      const r = await tiaojieMeasured(["push", file, "--url", server.url, "--token", "corpus-token"]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.peakBytes, `peak ${(r.peakBytes / 2 ** 20).toFixed(0)} MB`).toBeLessThan(MEMORY);
      if (refused) {
        expect(r.code, r.stderr.slice(0, 2000)).toBe(2);
        expect(r.stderr).toContain(k.expect.says);
        expect(server.requests).toEqual([]);
        return;
      }
      expect(r.code, r.stderr.slice(0, 2000)).toBe(0);
      const rows = server.requests
        .filter((q) => q.method === "POST")
        .flatMap((q) => (JSON.parse(q.body) as { rows: { row: number }[] }).rows.map((x) => x.row));
      expect(rows.length).toBeGreaterThan(0);
      if (k.expect.row) expect(rows).toEqual([k.expect.row]);
    }, 120_000);
  }
});
