/**
 * Writes an .xlsx by hand, part by part, for the corpus files no spreadsheet program would save: a 500 MB cell, a
 * zip whose parts lie about their size. Each part's text comes as a stream of pieces and is deflated as it comes, so
 * a 500 MB part never sits in the test's memory (it deflates to about 500 KB).
 */
import { writeFileSync } from "node:fs";
import { crc32, createDeflateRaw } from "node:zlib";

export interface Part {
  name: string;
  /** The part's text, piece by piece. */
  pieces: () => Iterable<string>;
  /** The unpacked size to claim in the zip, when the file must lie about it. */
  claimSize?: number;
}

async function deflatePart(part: Part): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw();
  const out: Buffer[] = [];
  z.on("data", (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => z.on("end", resolve).on("error", reject));
  let crc = 0;
  let size = 0;
  // Millions of tiny pieces (one <mergeCell> each) are gathered into 64 KB writes: one write each took minutes.
  let pending = "";
  const write = async (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!z.write(bytes)) await new Promise((r) => z.once("drain", r));
  };
  for (const text of part.pieces()) {
    pending += text;
    if (pending.length >= 1 << 16) {
      await write(pending);
      pending = "";
    }
  }
  if (pending) await write(pending);
  z.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** Writes the parts as a zip (deflated, no ZIP64) to `file`. */
export async function writeZip(file: string, parts: Part[]): Promise<string> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflatePart(part);
    const name = Buffer.from(part.name, "utf8");
    const claimed = part.claimSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(claimed, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(claimed, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, directory, end]));
  return file;
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One shared-strings cell: `<c r="B2" t="s"><v>3</v></c>`. */
export type SheetRows = () => Iterable<string>;

/**
 * A one-sheet workbook whose cells are given as sheetData XML pieces; `strings` are the shared strings, each given
 * as pieces too (so one can be 500 MB). `extra` adds parts such as a picture; `afterRows` is sheet XML after
 * <sheetData> (merged areas). `moreStrings` appends `count` more shared strings given as ready `<si>` XML, for
 * files of millions of them.
 */
export function handMadeWorkbook(file: string, o: {
  rows: SheetRows; strings?: (() => Iterable<string>)[]; moreStrings?: { count: number; xml: SheetRows }; extra?: Part[]; afterRows?: SheetRows;
}): Promise<string> {
  const strings = o.strings ?? [];
  const total = strings.length + (o.moreStrings?.count ?? 0);
  return writeZip(file, [
    {
      name: "[Content_Types].xml",
      pieces: () => [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ],
    },
    {
      name: "_rels/.rels",
      pieces: () => [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ],
    },
    {
      name: "xl/workbook.xml",
      pieces: () => [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ],
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      pieces: () => [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ],
    },
    {
      name: "xl/sharedStrings.xml",
      *pieces() {
        yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${total}" uniqueCount="${total}">`;
        for (const s of strings) {
          yield "<si><t>";
          for (const piece of s()) yield xmlText(piece);
          yield "</t></si>";
        }
        if (o.moreStrings) yield* o.moreStrings.xml();
        yield "</sst>";
      },
    },
    {
      name: "xl/worksheets/sheet1.xml",
      *pieces() {
        yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
        yield* o.rows();
        yield "</sheetData>";
        if (o.afterRows) yield* o.afterRows();
        yield "</worksheet>";
      },
    },
    ...(o.extra ?? []),
  ]);
}
