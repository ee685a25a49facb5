/**
 * Looks through an .xlsx before it is parsed. exceljs (through JSZip) unpacks every part into one string and
 * parses it whole, so a hostile file of a few kilobytes — a 500 MB cell, millions of cells, a zip bomb — would be
 * in memory before we could look at a single cell. Here each part is unpacked as a stream (node:zlib) and counted
 * as it goes, holding one 64 KB piece at a time; the file is refused as soon as a limit is passed.
 */
import type { Locale } from "../../ledger/messages.ts";
import { WorkbookError } from "./workbook-error.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";
import { XmlTextScan } from "./xml-text-scan.ts";
import { unpackEntry as unpack, zipEntries, type ZipSource } from "./zip-directory.ts";

/** Pictures are unpacked by exceljs but never parsed: only their size counts. */
const MEDIA = /^\/?xl\/media\//;
const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;

/**
 * Refuses what the reader could not hold. Every part is looked through to its end (the declared sizes, checked first,
 * bound how long that takes), so that a refusal can say how far over its cap the file is; nothing is kept meanwhile.
 */
export async function prescanWorkbook(src: ZipSource, file: string, corrupt: () => WorkbookError, locale?: Locale): Promise<void> {
  if (src.size > LIMITS.fileBytes) throw tooLarge(file, { kind: "file", bytes: src.size }, locale);
  const entries = await zipEntries(src);
  if (!entries) throw corrupt();
  // A part may not unpack to more than it declares (below), so the declared sizes bound what unpacking can cost.
  let declared = 0;
  for (const e of entries) if (!e.name.endsWith("/")) declared += e.declaredSize;
  if (declared > LIMITS.unpackedBytes) throw tooLarge(file, { kind: "unpacked", bytes: declared }, locale);
  let longest = 0;
  let cells = 0;
  let strings = 0;
  let merges = 0;
  let chars = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if (e.method !== 0 && e.method !== 8) throw corrupt();
    const scan = MEDIA.test(e.name) ? null : new XmlTextScan({ countCells: WORKSHEET.test(e.name) });
    let size = 0;
    try {
      for await (const piece of unpack(src, e)) {
        size += piece.length;
        // More than the entry said it holds: a zip bomb's lie (JSZip would notice only after unpacking it all).
        if (size > e.declaredSize) throw corrupt();
        scan?.feed(piece);
      }
    } catch (err) {
      if (err instanceof WorkbookError) throw err;
      // zlib's "invalid stored block lengths" and the like: the part is damaged.
      throw corrupt();
    }
    if (!scan) continue;
    if (scan.longest > longest) longest = scan.longest;
    cells += scan.cells;
    strings += scan.strings;
    merges += scan.merges;
    chars += scan.chars;
  }
  if (longest > LIMITS.cellChars) throw tooLarge(file, { kind: "cellChars", count: longest }, locale);
  if (cells > LIMITS.cells) throw tooLarge(file, { kind: "cells", count: cells }, locale);
  if (strings > LIMITS.cells) throw tooLarge(file, { kind: "strings", count: strings }, locale);
  if (merges > LIMITS.cells) throw tooLarge(file, { kind: "merges", count: merges }, locale);
  if (chars > LIMITS.textChars) throw tooLarge(file, { kind: "textChars", count: chars }, locale);
}
