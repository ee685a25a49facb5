/**
 * Looks through an .xlsx before exceljs opens it. exceljs (through JSZip) unpacks every part into one string and
 * parses it whole, so a hostile file of a few kilobytes — a 500 MB cell, millions of cells, a zip bomb — would be
 * in memory before we could look at a single cell. Here each part is unpacked as a stream (node:zlib) and counted
 * as it goes, holding one 64 KB piece at a time; the file is refused as soon as a limit is passed.
 */
import { createInflateRaw } from "node:zlib";
import type { Locale } from "../../ledger/messages.ts";
import { WorkbookError } from "./workbook-error.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";
import { XmlTextScan } from "./xml-text-scan.ts";
import { zipEntries, type ZipEntry } from "./zip-directory.ts";

const PIECE = 64 * 1024;
/** Pictures are unpacked by exceljs but never parsed: only their size counts. */
const MEDIA = /^\/?xl\/media\//;
const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;

/** The entry's unpacked bytes, one piece at a time. */
async function* unpack(buf: Buffer, e: ZipEntry): AsyncGenerator<Uint8Array> {
  const data = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) {
    for (let p = 0; p < data.length; p += PIECE) yield data.subarray(p, p + PIECE);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: PIECE });
  inflater.end(data);
  try {
    // The async iterator pulls one piece at a time: zlib stops inflating until the piece is counted.
    for await (const piece of inflater) yield piece as Buffer;
  } finally {
    inflater.destroy();
  }
}

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
