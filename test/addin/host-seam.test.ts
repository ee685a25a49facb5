// The pane is one; the programs it runs in are several. Only a host folder (addin/hosts/excel/, …) may touch its
// program's globals or be imported for them; the pages and their logic see the interfaces in addin/hosts/*.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ADDIN = resolve(import.meta.dirname, "../../addin");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) ? [p] : [];
  });
}

/** The code without comments and string contents, so a word in a comment or a message is not a use. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`/g, '""');
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)].map((m) => resolve(dirname(file), m[1]));
}

const HOST_GLOBALS = /(?<![\w.$])(Excel|Office|wps|Application)\s*[.(]|typeof\s+(Excel|Office|wps|Application)\b/;
const hostFolders = readdirSync(join(ADDIN, "hosts")).filter((n) => n !== "shared" && statSync(join(ADDIN, "hosts", n)).isDirectory());
const inHostFolder = (f: string) => hostFolders.some((h) => f.startsWith(join(ADDIN, "hosts", h) + sep));

describe("the host seam", () => {
  it("has at least the Excel host folder", () => {
    expect(hostFolders).toContain("excel");
  });

  it("lets no file outside a host folder touch a host's globals", () => {
    const offenders = sources(ADDIN)
      .filter((f) => !inHostFolder(f))
      .filter((f) => HOST_GLOBALS.test(code(readFileSync(f, "utf8"))))
      .map((f) => relative(ADDIN, f));
    expect(offenders).toEqual([]);
  });

  it("finds a host global when one is used, and not in comments or text", () => {
    expect(HOST_GLOBALS.test(code("await Excel.run(async (c) => c.sync());"))).toBe(true);
    expect(HOST_GLOBALS.test(code("const ok = typeof Office !== 'undefined';"))).toBe(true);
    expect(HOST_GLOBALS.test(code("const s = wps.Application.ActiveWorkbook;"))).toBe(true);
    expect(HOST_GLOBALS.test(code("// Excel.run is only called in hosts/excel\nconst a = \"Office.js\";"))).toBe(false);
  });

  it("keeps the pane from importing any host folder", () => {
    const offenders = sources(join(ADDIN, "pane")).flatMap((f) =>
      imports(f).filter(inHostFolder).map((target) => `${relative(ADDIN, f)} → ${relative(ADDIN, target)}`),
    );
    expect(offenders).toEqual([]);
  });

  it("lets a host folder import from the pane only its entry, and never another host folder", () => {
    const allowed = new Set([join(ADDIN, "pane/start.ts"), join(ADDIN, "pane/zod-without-eval.ts")]);
    const offenders: string[] = [];
    for (const host of hostFolders) {
      const own = join(ADDIN, "hosts", host) + sep;
      for (const f of sources(join(ADDIN, "hosts", host))) {
        for (const target of imports(f)) {
          const intoPane = target.startsWith(join(ADDIN, "pane") + sep) && !allowed.has(target);
          const intoOtherHost = inHostFolder(target) && !target.startsWith(own);
          if (intoPane || intoOtherHost) offenders.push(`${relative(ADDIN, f)} → ${relative(ADDIN, target)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
