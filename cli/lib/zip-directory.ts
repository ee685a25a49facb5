import { once } from "node:events";
import { open } from "node:fs/promises";
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

/**
 * Where a zip's bytes are read from: the file on disk, a piece at a time, so that a 50 MB ledger is not held whole
 * while its parts are read (openZipFile), or bytes already in memory (zipBytes).
 */
export interface ZipSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export function zipBytes(buf: Buffer): ZipSource {
  return { size: buf.length, read: async (offset, length) => buf.subarray(offset, offset + length) };
}

export async function openZipFile(file: string): Promise<ZipSource & { close(): Promise<void> }> {
  const handle = await open(file, "r");
  try {
    const stats = await handle.stat();
    // A folder named like a workbook is "not found", as reading it whole used to say.
    if (!stats.isFile()) throw new Error(`${file} is not a file`);
    const size = stats.size;
    return {
      size,
      async read(offset, length) {
        const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
        let done = 0;
        while (done < buffer.length) {
          const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

function findEndOfDirectory(tail: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the file.
  const last = tail.length - 22;
  for (let p = last; p >= 0 && p >= last - FFFF; p--) {
    if (tail.readUInt32LE(p) === EOCD) return p;
  }
  return -1;
}

export async function zipEntries(src: ZipSource): Promise<ZipEntry[] | null> {
  if (src.size < 22) return null;
  const tailStart = Math.max(0, src.size - 22 - FFFF);
  const tail = await src.read(tailStart, src.size - tailStart);
  const at = findEndOfDirectory(tail);
  if (at < 0) return null;
  const end = tailStart + at;
  const count = tail.readUInt16LE(at + 10);
  const size = tail.readUInt32LE(at + 12);
  const offset = tail.readUInt32LE(at + 16);
  if (count === FFFF || size === FFFFFFFF || offset === FFFFFFFF || offset + size > end) return null;
  const dir = await src.read(offset, end - offset);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) return null;
    const method = dir.readUInt16LE(p + 10);
    const compressedSize = dir.readUInt32LE(p + 20);
    const declaredSize = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const local = dir.readUInt32LE(p + 42);
    if (compressedSize === FFFFFFFF || declaredSize === FFFFFFFF || local === FFFFFFFF) return null;
    const name = dir.toString("utf8", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > src.size) return null;
    const header = await src.read(local, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) return null;
    const dataStart = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (dataStart + compressedSize > src.size) return null;
    entries.push({ name, method, compressedSize, declaredSize, dataStart });
  }
  return entries;
}

const PIECE = 64 * 1024;

/** The entry's unpacked bytes, one piece at a time, read from `src` a piece at a time. */
export async function* unpackEntry(src: ZipSource, e: ZipEntry): AsyncGenerator<Uint8Array> {
  if (e.method === 0) {
    for (let p = 0; p < e.compressedSize; p += PIECE) yield await src.read(e.dataStart + p, Math.min(PIECE, e.compressedSize - p));
    return;
  }
  const inflater = createInflateRaw({ chunkSize: PIECE });
  // Compressed pieces go in as zlib takes them: reading waits while zlib's input is full.
  const feed = (async () => {
    for (let p = 0; p < e.compressedSize; p += PIECE) {
      const piece = await src.read(e.dataStart + p, Math.min(PIECE, e.compressedSize - p));
      if (inflater.destroyed) return;
      if (!inflater.write(piece)) await once(inflater, "drain");
    }
    inflater.end();
  })();
  // A damaged part makes the inflater fail (seen below); the feed then stops where it waits.
  feed.catch(() => undefined);
  try {
    // The async iterator pulls one piece at a time: zlib stops inflating until the piece is counted.
    for await (const piece of inflater) yield piece as Buffer;
    await feed;
  } finally {
    inflater.destroy();
  }
}
