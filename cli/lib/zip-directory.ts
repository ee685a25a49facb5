import { createInflateRaw } from "node:zlib";

/**
 * The entries of a zip file as its central directory lists them: the same list JSZip (inside exceljs) reads, so
 * the pre-scan looks at exactly the parts exceljs would unpack. Returns null for anything that is not a plain zip
 * (no directory, entries outside the file, ZIP64): JSZip would fail on most of those, and a ZIP64 .xlsx would be
 * over 4 GB or 65,535 parts, neither of which Excel writes for a ledger.
 */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated; anything else JSZip cannot read either. */
  method: number;
  compressedSize: number;
  /** The unpacked size the file claims; a hand-made file may lie. */
  declaredSize: number;
  /** Offset of the entry's compressed bytes in the file. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FFFF = 0xffff;
const FFFFFFFF = 0xffffffff;

function findEndOfDirectory(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the file.
  const last = buf.length - 22;
  for (let p = last; p >= 0 && p >= last - FFFF; p--) {
    if (buf.readUInt32LE(p) === EOCD) return p;
  }
  return -1;
}

export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const end = findEndOfDirectory(buf);
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === FFFF || size === FFFFFFFF || offset === FFFFFFFF || offset + size > end) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) return null;
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const declaredSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (compressedSize === FFFFFFFF || declaredSize === FFFFFFFF || local === FFFFFFFF) return null;
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return null;
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) return null;
    entries.push({ name, method, compressedSize, declaredSize, dataStart });
  }
  return entries;
}

const PIECE = 64 * 1024;

/** The entry's unpacked bytes, one piece at a time. */
export async function* unpackEntry(buf: Buffer, e: ZipEntry): AsyncGenerator<Uint8Array> {
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
