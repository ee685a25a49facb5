// The pane's first pages are drawn before the other pages' words are fetched (addin/pane/i18n.ts): every word the
// first-load code asks for must be among the first pages' words, or a clerk would read a key like "push.run".
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EN } from "../../addin/pane/i18n-en.ts";
import { ZH_MORE } from "../../addin/pane/i18n-more.ts";
import { EN_MORE } from "../../addin/pane/i18n-more-en.ts";

const PANE = resolve(import.meta.dirname, "../../addin/pane");

/** The pane's modules reached from start.ts by static imports: the pane's part of the first load. */
function firstLoadSources(): string[] {
  const seen = new Set<string>();
  const todo = [resolve(PANE, "start.ts")];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    // Static imports only (`import … from "./x.ts"`, `import "./x.ts"`); `import("./x.ts")` is fetched later.
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?["'](\.[^"']+\.ts)["'];?\s*$/gm)) {
      if (/^\s*import\s+type\b/.test(m[0])) continue;
      const target = resolve(dirname(file), m[1]);
      if (target.startsWith(PANE)) todo.push(target);
    }
  }
  return [...seen];
}

/** Word keys a file asks t() for: literal keys, and the fixed start of keys built in a template (`tab.${id}`). */
function wordsAskedFor(text: string): { keys: string[]; prefixes: string[] } {
  const keys: string[] = [];
  const prefixes: string[] = [];
  for (const m of text.matchAll(/\bt\(\s*(?:[\w.]+\s*,\s*)?(["'`])([\w.]+)(\$\{)?/g)) (m[3] ? prefixes : keys).push(m[2]);
  return { keys, prefixes };
}

const firstPageKeys = new Set(Object.keys(EN));
const laterKeys = new Set(Object.keys(ZH_MORE));

describe("the pane's words, split between the first load and the other pages", () => {
  const sources = firstLoadSources();

  it("finds the first pages' code (start, app, Connect, Validate) and not the other pages", () => {
    const names = sources.map((f) => relative(PANE, f));
    expect(names).toEqual(expect.arrayContaining(["start.ts", "ui/app.ts", "ui/pages/connect.ts", "ui/pages/validate.ts", "i18n.ts"]));
    expect(names.filter((n) => /pages\/(push|reports|routing|statistics|court|limits|mentors|incoming|columns)\.ts$/.test(n))).toEqual([]);
  });

  it("has every word the first-load code asks for among the first pages' words", () => {
    const missing: string[] = [];
    for (const file of sources) {
      const { keys, prefixes } = wordsAskedFor(readFileSync(file, "utf8"));
      for (const k of keys) if (!firstPageKeys.has(k)) missing.push(`${relative(PANE, file)}: ${k}`);
      // A key built in a template (`tab.${id}`) cannot be checked one by one: words with its start must be there.
      for (const p of prefixes) if (![...firstPageKeys].some((k) => k.startsWith(p))) missing.push(`${relative(PANE, file)}: ${p}…`);
    }
    expect(missing).toEqual([]);
  });

  it("would notice a first-page word kept with the other pages", () => {
    const { keys, prefixes } = wordsAskedFor('status(app.t("push.run")); t(locale, `tab.${id}`); t(app.locale, "connect.save")');
    expect(keys).toEqual(["push.run", "connect.save"]);
    expect(prefixes).toEqual(["tab."]);
    expect(firstPageKeys.has("push.run")).toBe(false);
    expect([...firstPageKeys].some((k) => k.startsWith("mentors."))).toBe(false);
  });

  it("has every word in both languages, each in one table only", () => {
    expect(Object.keys(EN_MORE).sort()).toEqual([...laterKeys].sort());
    expect([...laterKeys].filter((k) => firstPageKeys.has(k))).toEqual([]);
  });
});
