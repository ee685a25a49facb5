import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ADDIN_URL, renderManifest } from "../../scripts/manifest.ts";

const VALIDATE = join(import.meta.dirname, "../../../shared/office-manifest-xsd/validate");

function validate(path: string): { ok: boolean; output: string } {
  const r = spawnSync(VALIDATE, [path], { encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error?.message ?? ""}` };
}

describe("the add-in manifest", () => {
  it("is the generated one: manifest.xml matches scripts/manifest.ts for the default URL", () => {
    expect(readFileSync(join(import.meta.dirname, "../../manifest.xml"), "utf8")).toBe(renderManifest(DEFAULT_ADDIN_URL));
  });

  it("validates against Microsoft's manifest schemas", () => {
    expect(existsSync(VALIDATE), `schemas missing at ${VALIDATE}`).toBe(true);
    const result = validate(join(import.meta.dirname, "../../manifest.xml"));
    expect(result.output).toContain("validates");
    expect(result.ok).toBe(true);
  });

  it("takes every URL from the one production setting", () => {
    const xml = renderManifest("https://tiaojie.example.org/");
    const urls = [...xml.matchAll(/https:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.includes("schemas.microsoft.com") && !u.includes("w3.org"));
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith("https://tiaojie.example.org")).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    writeFileSync(join(dir, "manifest.xml"), xml);
    expect(validate(join(dir, "manifest.xml")).ok).toBe(true);
  });

  it("refuses a plain-http add-in URL with a clear message", () => {
    expect(() => renderManifest("http://example.org")).toThrow("TIAOJIE_ADDIN_URL must be an https URL");
  });

  it("is a Workbook task pane offered to every Excel (ExcelApi 1.1), zh-CN by default with an en-US override, on the Home tab", () => {
    const xml = renderManifest();
    expect(xml).toContain('<Host Name="Workbook"/>');
    // The lowest set: an older Excel opens the pane and is told what it cannot do, instead of never seeing the add-in.
    expect(xml).toContain('<Sets DefaultMinVersion="1.1">');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.1"/>');
    expect(xml).toContain("<DefaultLocale>zh-CN</DefaultLocale>");
    expect(xml).toContain('<Override Locale="en-US" Value="Tiaojie Ledger"/>');
    expect(xml).toContain('<OfficeTab id="TabHome">');
    for (const size of [16, 32, 64, 80]) {
      expect(existsSync(join(import.meta.dirname, `../../addin/hosts/excel/assets/icon-${size}.png`))).toBe(true);
    }
  });
});
