// The self-test's transcript: recorded from the WPS host over the WPS double (as /wps/selftest.html records it in
// a real WPS 表格), kept as test/fixtures/wps-selftest-transcript.json, and replayed against the double. A transcript
// sent back from an office replays the same way; every answer that differs is reported with where it came from.
// To record the fixture again after changing the session or the double: UPDATE_WPS_TRANSCRIPT=1 npx vitest run …
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCRATCH_REPORT_SHEET, SCRATCH_SETTINGS_SHEET, SCRATCH_SHEET, runSelfTest } from "../../addin/hosts/wps/selftest-session.ts";
import { recordTranscript, type Transcript } from "../../addin/hosts/wps/transcript.ts";
import { readValues, sheetByName, type WorkbookSeed } from "../support/excel-double/model.ts";
import { parseRect } from "../support/excel-double/address.ts";
import { wpsDouble } from "../support/wps-double/node.ts";
import { replayTranscript } from "../support/wps-double/replay.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/wps-selftest-transcript.json");

/** A clerk's workbook as an office might open it for the self-test: their ledger active, two more sheets. */
const CLERK: WorkbookSeed = {
  sheets: [
    { name: "2026年台账", values: [["案件编号", "承办单位"], ["NP-1", "南埔镇"]] },
    { name: "调解员名册", values: [["姓名"], ["张三"]] },
    { name: "Sheet3", values: [] },
  ],
};

async function recordOverTheDouble(): Promise<{ transcript: Transcript; double: ReturnType<typeof wpsDouble>; steps: Awaited<ReturnType<typeof runSelfTest>>["steps"] }> {
  const double = wpsDouble(CLERK);
  const { transcript, steps } = await runSelfTest(double.app, { recordedBy: "WPS double (test/support/wps-double)" });
  return { transcript, double, steps };
}

describe("the WPS self-test transcript", () => {
  it("runs every step over the double and leaves the clerk's workbook as it found it", async () => {
    const { double, steps, transcript } = await recordOverTheDouble();
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(double.state.workbook.sheets.map((s) => s.name)).toEqual(["2026年台账", "调解员名册", "Sheet3"]);
    expect(double.state.workbook.activeSheetId).toBe(sheetByName(double.state.workbook, "2026年台账")!.id);
    expect(readValues(sheetByName(double.state.workbook, "2026年台账")!, parseRect("A1:B2")!)).toEqual([["案件编号", "承办单位"], ["NP-1", "南埔镇"]]);
    expect(double.state.alertsShown).toBe(0);
    // The seed names the clerk's sheets only: none of their cells is in the transcript.
    expect(transcript.seed).toEqual({ sheets: CLERK.sheets.map((s) => ({ name: s.name, values: [] })), activeSheet: "2026年台账" });
    const touched = new Set(transcript.entries.map((e) => e.path.match(/Item\("([^"]+)"\)/)?.[1]).filter(Boolean));
    expect([...touched].every((n) => [SCRATCH_SHEET, SCRATCH_REPORT_SHEET, SCRATCH_SETTINGS_SHEET].includes(n!))).toBe(true);
    expect(JSON.parse(JSON.stringify(transcript))).toEqual(transcript);
    expect(transcript.about).toMatchObject({ wpsVersion: "WPS double", recordedBy: "WPS double (test/support/wps-double)" });
  });

  it("replays the recorded fixture against the double without a single difference", async () => {
    const { transcript } = await recordOverTheDouble();
    if (process.env.UPDATE_WPS_TRANSCRIPT || !existsSync(FIXTURE)) writeFileSync(FIXTURE, `${JSON.stringify(transcript, null, 1)}\n`);
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Transcript;
    // The fixture is what today's session records: a stale one is re-recorded, not silently trusted.
    expect(fixture.entries.length).toBe(transcript.entries.length);
    const result = replayTranscript(fixture);
    expect(result.entries).toBeGreaterThan(300);
    expect(result.mismatches).toEqual([]);
  });

  it("reports where the double answers differently from the WPS that recorded the transcript", () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Transcript;
    // A double that says "not merged" (undefined) where WPS said "mixed" (null) for a block.
    const result = replayTranscript(fixture, {
      wrap: (app) => deepAnswer(app, (member, v) => (member === "MergeCells" && v === null ? undefined : v)),
    });
    expect(result.mismatches.length).toBeGreaterThan(0);
    const first = result.mismatches[0];
    expect(first).toMatchObject({ op: "get", member: "MergeCells", wps: null, double: { $undefined: true } });
    expect(first.path).toContain("Range");
  });

  it("reports an answer WPS gave that the double cannot: a different language, a cell written differently", () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Transcript;
    const result = replayTranscript(fixture, { alter: (double) => (double.state.languageId = 1033) });
    expect(result.mismatches).toEqual([expect.objectContaining({ op: "call", member: "LanguageID", wps: 2052, double: 1033 })]);
  });

  it("records errors WPS throws and objects handed back as arguments, and replays both", () => {
    const double = wpsDouble(CLERK);
    const { app, entries } = recordTranscript(double.app);
    const sheets = app.ActiveWorkbook!.Worksheets;
    expect(() => sheets.Item("没有这张表")).toThrow();
    const added = sheets.Add(undefined, sheets.Item(3));
    added.Name = "新表";
    expect(() => (added.Name = "调解员名册")).toThrow();
    expect(entries.find((e) => e.member === "Item" && e.error)).toMatchObject({ args: ["没有这张表"] });
    expect(entries.find((e) => e.member === "Add")?.args).toEqual([{ $undefined: true }, { $ref: expect.any(Number) }]);
    const transcript: Transcript = { format: "tiaojie-wps-transcript", version: 1, seed: { sheets: CLERK.sheets.map((s) => ({ name: s.name, values: [] })) }, entries };
    expect(replayTranscript(transcript).mismatches).toEqual([]);
    expect(sheetByName(double.state.workbook, "新表")).toBeDefined();
  });
});

// A transcript an office sent back from /wps/selftest.html: WPS_TRANSCRIPT=path/to/transcript.json npx vitest run
// --project node test/addin/wps-transcript.test.ts replays it and lists every answer of their WPS the double gets wrong.
describe.runIf(process.env.WPS_TRANSCRIPT)("a transcript sent back from an office", () => {
  it("replays against the double without a difference", () => {
    const sent = JSON.parse(readFileSync(process.env.WPS_TRANSCRIPT!, "utf8")) as Transcript;
    const result = replayTranscript(sent);
    expect(result.mismatches, `${result.mismatches.length} of ${result.entries} answers differ (about: ${JSON.stringify(sent.about ?? {})})`).toEqual([]);
  });
});

/** Wraps every object under `root` so `change` can alter what a property read answers. */
function deepAnswer(root: object, change: (member: string, v: unknown) => unknown): object {
  const wrap = (o: object): object =>
    new Proxy(o, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof prop === "symbol") return v;
        if (typeof v === "function") {
          return (...args: unknown[]) => {
            const r = (v as (...a: unknown[]) => unknown).apply(target, args);
            return r !== null && typeof r === "object" && !Array.isArray(r) ? wrap(r) : r;
          };
        }
        const out = change(prop, v);
        return out !== null && typeof out === "object" && !Array.isArray(out) ? wrap(out) : out;
      },
    });
  return wrap(root);
}
