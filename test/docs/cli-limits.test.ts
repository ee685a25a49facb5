// The file limits `tiaojie` refuses past are stated to users in docs/CLI.md, in Chinese and in English; when a cap in
// cli/lib/workbook-limits.ts moves, the page must say the new figure or this fails.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../cli/lib/workbook-limits.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const page = readFileSync(path.join(ROOT, "docs/CLI.md"), "utf8");
const english = page.indexOf('<a id="english"></a>');
const halves = { zh: page.slice(0, english), en: page.slice(english) };

const MiB = 1024 * 1024;
const figures: [string, string][] = [
  ["a cell's characters", LIMITS.cellChars.toLocaleString("en-US")],
  ["the workbook's cells", LIMITS.cells.toLocaleString("en-US")],
  ["all the text's characters", LIMITS.textChars.toLocaleString("en-US")],
  ["the file's size", `${LIMITS.fileBytes / MiB} MB`],
  ["the unpacked size", `${(LIMITS.unpackedBytes / MiB).toLocaleString("en-US")} MB`],
  ["rows × columns holding a value", LIMITS.gridCells.toLocaleString("en-US")],
  ["Excel's last row", LIMITS.excelRows.toLocaleString("en-US")],
  ["Excel's last column", LIMITS.excelColumns === 16_384 ? "XFD" : `column ${LIMITS.excelColumns}`],
];

describe("docs/CLI.md states the limits tiaojie applies", () => {
  it("has a Chinese half and an English half", () => {
    expect(english).toBeGreaterThan(0);
  });

  for (const [lang, text] of Object.entries(halves)) {
    it.each(figures)(`in ${lang}: %s, %s`, (_what, figure) => {
      expect(text).toContain(figure);
    });
  }
});
