/**
 * Looks through an .xlsx before exceljs opens it. exceljs (through JSZip) unpacks every part into one string and
 * parses it whole, so a hostile file of a few kilobytes — a 500 MB cell, millions of cells, a zip bomb — would be
 * in memory before we could look at a single cell. Here each part is unpacked as a stream (node:zlib) and counted
 * as it goes, holding one 64 KB piece at a time; the file is refused as soon as a limit is passed.
 */
import type { Locale } from "../../ledger/messages.ts";
import { WorkbookError } from "./workbook-error.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";
import { XmlTextScan } from "./xml-text-scan.ts";
import { unpackEntry as unpack, zipEntries } from "./zip-directory.ts";

/** Pictures are unpacked by exceljs but never parsed: only their size counts. */
const MEDIA = /^\/?xl\/media\//;
const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;

export async function prescanWorkbook(buf: Buffer, file: string, corrupt: () => WorkbookError, locale?: Locale): Promise<void> {
  if (buf.length > LIMITS.unpackedBytes) throw tooLarge(file, { kind: "unpacked" }, locale);
  const entries = zipEntries(buf);
  if (!entries) throw corrupt();
  let unpacked = 0;
  let cells = 0;
  for (const e of entries) {
    if (e.name.endsWith("/")) continue;
    if (e.method !== 0 && e.method !== 8) throw corrupt();
    const scan = MEDIA.test(e.name) ? null : new XmlTextScan({ countCells: WORKSHEET.test(e.name) });
    let size = 0;
    try {
      for await (const piece of unpack(buf, e)) {
        size += piece.length;
        unpacked += piece.length;
        // More than the entry said it holds: a zip bomb's lie (JSZip would notice only after unpacking it all).
        if (size > e.declaredSize) throw corrupt();
        if (unpacked > LIMITS.unpackedBytes) throw tooLarge(file, { kind: "unpacked" }, locale);
        if (!scan) continue;
        scan.feed(piece);
        if (scan.longest > LIMITS.cellChars) throw tooLarge(file, { kind: "cellChars" }, locale);
        if (cells + scan.cells > LIMITS.cells) throw tooLarge(file, { kind: "cells" }, locale);
      }
    } catch (err) {
      if (err instanceof WorkbookError) throw err;
      // zlib's "invalid stored block lengths" and the like: the part is damaged.
      throw corrupt();
    }
    if (scan) cells += scan.cells;
  }
}
