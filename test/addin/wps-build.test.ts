// `npm run build:wps`: the WPS add-in as the Worker serves it at /wps/. Built here into a temporary folder with a
// production URL, then checked the way WPS will meet it: ES2017 scripts, well-formed XML naming that URL, ribbon
// callbacks that open the pane, and the pages' own Content-Security-Policy.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { parse } from "acorn";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import { WPS_CSP, withWpsHeaders } from "../../addin/hosts/wps/csp.ts";
import { RIBBON_IDS } from "../../addin/hosts/wps/package-files.ts";
import { headersFile } from "../../addin/hosts/excel/csp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const URL_SETTING = "https://tiaojie.example.org/";
const SERVED = "https://tiaojie.example.org/wps/";

function buildWps(outDir: string, addinUrl: string) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "addin/hosts/wps/vite.config.ts", "--outDir", outDir, "--logLevel", "warn"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TIAOJIE_ADDIN_URL: addinUrl },
  });
}

/**
 * Whether a script parses as ES2017. Module loading is the one later syntax allowed: `import()` (ES2020) and
 * `import.meta` (ES2020) come with ES modules themselves in Chromium (63 and 64, against 61 for modules), so a
 * browser that loads the pane's module at all has them; they are swapped for same-length calls before parsing.
 */
export function es2017Error(source: string, sourceType: "script" | "module"): string | null {
  const loading = source.replace(/(?<![\w$.])import(?=\s*\()/g, "__imp_").replace(/(?<![\w$.])import\.meta(?![\w$])/g, "__imp_meta_");
  try {
    parse(loading, { ecmaVersion: 2017, sourceType });
    return null;
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    return `${(e as Error).message} near ${JSON.stringify(loading.slice(Math.max(0, pos - 60), pos + 30))}`;
  }
}

function wellFormed(xml: string): string | null {
  const parser = new SaxesParser();
  let error: string | null = null;
  parser.on("error", (e) => void (error ??= e.message));
  parser.write(xml).close();
  return error;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".js"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

let out: string;
let wps: string;

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), "wps-build-"));
  wps = path.join(out, "wps");
  // What the Excel build leaves there: the WPS build adds its section after it.
  writeFileSync(path.join(out, "_headers"), headersFile());
  const r = buildWps(wps, URL_SETTING);
  if (r.status !== 0) throw new Error(`vite build of the WPS add-in failed:\n${r.stdout}\n${r.stderr}`);
}, 120_000);

describe("the built WPS add-in", () => {
  it("has every file WPS asks for beside the pages: index.html, main.js, ribbon.xml, manifest.xml, the icon, publish.xml, jsplugins.xml", () => {
    for (const f of ["index.html", "main.js", "ribbon.xml", "manifest.xml", "icon-32.png", "publish.xml", "jsplugins.xml", "pane.html", "selftest.html"]) {
      expect(existsSync(path.join(wps, f)), f).toBe(true);
    }
  });

  it("parses as ES2017, every script it emits: the ribbon's classic script and the pages' modules", () => {
    const files = jsFiles(wps);
    expect(files).toContain("main.js");
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(es2017Error(readFileSync(path.join(wps, f), "utf8"), f === "main.js" ? "script" : "module"), f).toBeNull();
    }
  });

  it("would notice syntax newer than ES2017 (optional chaining, ??, object spread, class fields)", () => {
    expect(es2017Error("const a = b?.c;", "module")).toMatch(/Unexpected token/);
    expect(es2017Error("const a = b ?? c;", "module")).not.toBeNull();
    expect(es2017Error("const a = { ...b };", "module")).not.toBeNull();
    expect(es2017Error("class A { x = 1 }", "module")).not.toBeNull();
    expect(es2017Error("const m = await import('./x.js'); const u = import.meta.url; async function f() {}", "module")).not.toBeNull(); // top-level await
    expect(es2017Error("async function f() { const m = await import('./x.js'); return import.meta.url; }", "module")).toBeNull();
  });

  it("names the served address in publish.xml and jsplugins.xml, both well-formed, for WPS 表格 only", () => {
    for (const f of ["publish.xml", "jsplugins.xml"]) {
      const xml = readFileSync(path.join(wps, f), "utf8");
      expect(wellFormed(xml), f).toBeNull();
      const records = [...xml.matchAll(/<jspluginonline\b[^>]*>/g)].map((m) => m[0]);
      expect(records, f).toHaveLength(1);
      expect(records[0]).toContain(`url="${SERVED}"`);
      expect(records[0]).toContain('type="et"');
      expect(records[0]).toContain('name="TiaojieLedger"');
    }
    expect(readFileSync(path.join(wps, "publish.xml"), "utf8")).toContain('enable="enable_dev"');
  });

  it("has a well-formed ribbon.xml with a 调解台账 tab, without the XML declaration WPS's publish page refuses", () => {
    const ribbon = readFileSync(path.join(wps, "ribbon.xml"), "utf8");
    expect(wellFormed(ribbon)).toBeNull();
    expect(ribbon.startsWith("<customUI")).toBe(true);
    expect(ribbon).toContain('label="调解台账"');
    expect(ribbon).toContain('onLoad="OnAddinLoad"');
    expect(ribbon).toContain(`id="${RIBBON_IDS.openPane}"`);
    expect(wellFormed(readFileSync(path.join(wps, "manifest.xml"), "utf8"))).toBeNull();
  });

  it("opens the pane from the ribbon as a task pane at the served address, and a second click hides it", () => {
    const created: { url: string; title: string; pane: { ID: number; Visible: boolean; DockPosition: number } }[] = [];
    const storage = new Map<string, string>();
    const fakeWps = {
      CreateTaskPane(url: string, title: string) {
        const pane = { ID: created.length + 1, Visible: false, DockPosition: 0 };
        created.push({ url, title, pane });
        return pane;
      },
      GetTaskPane: (id: number) => created.find((c) => c.pane.ID === id)?.pane,
      PluginStorage: { getItem: (k: string) => storage.get(k) ?? "", setItem: (k: string, v: unknown) => void storage.set(k, String(v)) },
    };
    const page = vm.createContext({ wps: fakeWps, location: { href: `${SERVED}index.html` }, URL });
    vm.runInContext(readFileSync(path.join(wps, "main.js"), "utf8"), page);
    const g = page as unknown as Record<string, (c?: { Id: string }) => unknown>;
    expect(g.OnAddinLoad()).toBe(true);
    expect(existsSync(path.join(wps, String(g.GetImage({ Id: RIBBON_IDS.openPane }))))).toBe(true);

    g.OnAction({ Id: RIBBON_IDS.openPane });
    expect(created).toHaveLength(1);
    expect(created[0].url).toBe(`${SERVED}pane.html`);
    expect(created[0].title).toBe("调解台账");
    expect(created[0].pane).toMatchObject({ Visible: true, DockPosition: 2 });
    g.OnAction({ Id: RIBBON_IDS.openPane });
    expect(created).toHaveLength(1);
    expect(created[0].pane.Visible).toBe(false);
    g.OnAction({ Id: RIBBON_IDS.openPane });
    expect(created[0].pane.Visible).toBe(true);

    g.OnAction({ Id: RIBBON_IDS.selfTest });
    expect(created.map((c) => c.url)).toEqual([`${SERVED}pane.html`, `${SERVED}selftest.html`]);
  });

  it("loads nothing from another origin: no office.js, no CDN, in any page", () => {
    for (const f of ["index.html", "pane.html", "selftest.html"]) {
      const html = readFileSync(path.join(wps, f), "utf8");
      expect(html, f).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html, f).not.toMatch(/<script[^>]*office\.js/);
    }
  });

  it("gives /wps/* its own Content-Security-Policy in _headers, after the Excel pane's, with no Microsoft origin", () => {
    const headers = readFileSync(path.join(out, "_headers"), "utf8");
    expect(headers.startsWith(headersFile())).toBe(true);
    const section = headers.slice(headersFile().length);
    expect(section).toContain("/wps/*\n  ! Content-Security-Policy\n");
    expect(section).toContain(`Content-Security-Policy: ${WPS_CSP}`);
    expect(WPS_CSP).not.toContain("microsoft");
    expect(WPS_CSP).toContain("script-src 'self'");
  });

  it("keeps one WPS section in _headers however often it is built", () => {
    const once = withWpsHeaders(headersFile());
    expect(withWpsHeaders(once)).toBe(once);
    expect(withWpsHeaders(withWpsHeaders(""))).toBe(withWpsHeaders(""));
    expect(once.match(/\/wps\/\*/g)).toHaveLength(1);
  });

  it("refuses a plain-http production address with the same clear message as the Excel manifest", () => {
    const r = buildWps(path.join(mkdtempSync(path.join(tmpdir(), "wps-build-http-")), "wps"), "http://tiaojie.example.org");
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain("TIAOJIE_ADDIN_URL must be an https URL");
  });
});
