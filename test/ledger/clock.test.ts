import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chinaDayStartIso, now, nowIso, setToday, todayInChina } from "../../ledger/clock.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Where product code lives (and the dev scripts that run it): each reads the time through ledger/clock.ts only. */
const PRODUCT = ["ledger", "addin", "worker", "cli", "scripts"];
/** A read of the machine's time: `new Date()`, `new Date` without arguments, `Date.now()`, `Date()` as a function. */
const READS_TIME = /\bnew\s+Date\s*\(\s*\)|\bnew\s+Date\b(?!\s*\()|\bDate\.now\b|(?<![\w.$])Date\s*\(\s*\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !e.parentPath.includes("node_modules") && !e.parentPath.includes(".wrangler"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

afterEach(() => {
  vi.useRealTimers();
  setToday(undefined);
  setToday(process.env.TIAOJIE_TODAY);
});

describe("the one clock", () => {
  it("is the only place product code reads the machine's time", () => {
    const offenders: string[] = [];
    for (const file of PRODUCT.flatMap(sourceFiles)) {
      if (file === path.join("ledger", "clock.ts")) continue;
      readFileSync(path.join(ROOT, file), "utf8").split("\n").forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, "");
        if (READS_TIME.test(code)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("recognises each way of reading the time, and not a date built from a value", () => {
    for (const read of ["new Date()", "new Date", "new Date( )", "Date.now()", "const d = Date()"]) expect(READS_TIME.test(read), read).toBe(true);
    for (const built of ["new Date(t)", "new Date(Date.UTC(2026, 0, 1))", "Date.parse(s)", "Date.UTC(2026, 0, 1)", "toDate()", "isDate()"]) expect(READS_TIME.test(built), built).toBe(false);
  });

  it("takes the chosen day as today, keeping the time of day, in China's time zone", () => {
    for (const day of ["2027-01-01", "2028-02-29", "2026-12-31", "2031-06-15", "2019-03-01"]) {
      setToday(day);
      expect(todayInChina()).toBe(day);
      expect(todayInChina(Date.parse(nowIso()))).toBe(day);
      // Whole days only: the time of day is the real one.
      const shift = now() - Date.now();
      expect(Math.abs(shift - Math.round(shift / 86_400_000) * 86_400_000)).toBeLessThan(50);
    }
  });

  it("goes back to the real day when the day is unset or empty", () => {
    setToday("2031-06-15");
    setToday(undefined);
    expect(now() - Date.now()).toBeLessThanOrEqual(0);
    expect(Date.now() - now()).toBeLessThan(1000);
    setToday("2031-06-15");
    setToday("");
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
  });

  it("runs on through midnight when the same day is set again, as the Worker does on every request", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2026-12-07T15:59:58Z")); // 23:59:58 in China
    setToday(undefined); // whatever day the run was set to (TIAOJIE_TODAY)
    setToday("2031-06-15");
    expect(todayInChina()).toBe("2031-06-15");
    vi.setSystemTime(Date.parse("2026-12-07T16:00:02Z"));
    setToday("2031-06-15");
    expect(todayInChina()).toBe("2031-06-16");
    expect(nowIso()).toBe("2031-06-15T16:00:02.000Z");
  });

  it("refuses a day that does not exist or is not written YYYY-MM-DD, naming it", () => {
    for (const bad of ["2027-02-29", "2026-13-01", "2026-1-5", "20261207", "tomorrow", "2026-12-07T00:00"]) {
      expect(() => setToday(bad), bad).toThrow(`"${bad}"`);
    }
  });

  it("gives the instant a China day begins, for comparing stored instants with period bounds", () => {
    expect(chinaDayStartIso("2027-01-01")).toBe("2026-12-31T16:00:00.000Z");
    expect(chinaDayStartIso("2028-03-01")).toBe("2028-02-29T16:00:00.000Z");
    expect(todayInChina(Date.parse(chinaDayStartIso("2031-06-15")))).toBe("2031-06-15");
    expect(todayInChina(Date.parse(chinaDayStartIso("2031-06-15")) - 1)).toBe("2031-06-14");
  });

  it("reads China's date, not the machine's, near midnight UTC", () => {
    expect(todayInChina(Date.parse("2026-12-31T15:59:59Z"))).toBe("2026-12-31");
    expect(todayInChina(Date.parse("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });
});
