import { describe, expect, it } from "vitest";
import { XmlTextScan } from "../../cli/lib/xml-text-scan.ts";

function scan(xml: string, pieceSize = 7, countCells = true): XmlTextScan {
  const s = new XmlTextScan({ countCells });
  const bytes = Buffer.from(xml, "utf8");
  // Small pieces: a tag, an entity or a character split across two pieces must count the same.
  for (let p = 0; p < bytes.length; p += pieceSize) s.feed(bytes.subarray(p, p + pieceSize));
  return s;
}

describe("the pre-scan's count of one cell's text", () => {
  it("joins a shared string's rich-text runs, as exceljs does, and counts characters, not bytes", () => {
    const s = scan(`<sst><si><r><t>${"长".repeat(400)}</t></r><r><t>${"a".repeat(300)}</t></r></si><si><t>短</t></si></sst>`);
    expect(s.longest).toBe(700);
  });

  it("counts an entity as one character and a CDATA section as text", () => {
    expect(scan(`<si><t>${"&amp;".repeat(100)}</t></si>`).longest).toBe(100);
    expect(scan(`<c><is><t><![CDATA[${"x".repeat(1000)}]]></t></is></c>`).longest).toBeGreaterThanOrEqual(1000);
  });

  it("does not join text outside cells, and counts the cells and rows of a worksheet", () => {
    const s = scan(`<worksheet><a>${"x".repeat(50)}</a><b>${"y".repeat(60)}</b><sheetData><row r="1"><c r="A1"/><c r="B1" t="s"><v>12</v></c></row><cols/></sheetData></worksheet>`);
    expect(s.longest).toBe(60);
    expect(s.cells).toBe(3);
  });

  it("counts the text every cell and shared string holds, all together, but not text outside them, and the shared strings and merged areas", () => {
    const s = scan(`<worksheet><a>${"x".repeat(50)}</a><sheetData><row r="1"><c r="A1" t="s"><v>12</v></c><c r="B1" t="inlineStr"><is><t>${"长".repeat(30)}&amp;</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:A9"/></mergeCells></worksheet>`);
    expect(s.chars).toBe(2 + 31);
    expect(s.merges).toBe(2);
    const t = scan(`<sst><si><t>${"a".repeat(40)}</t></si><si><r><t>长</t></r><r><t>短</t></r></si></sst>`, 7, false);
    expect(t.strings).toBe(2);
    expect(t.chars).toBe(42);
  });

  it("sees a long attribute value as long as a long cell", () => {
    expect(scan(`<c r="A1" x="${"z".repeat(5000)}"/>`).longest).toBeGreaterThan(5000);
  });
});
