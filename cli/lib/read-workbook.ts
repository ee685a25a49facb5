import type { Locale } from "../../ledger/messages.ts";
import type { ColumnPlaces } from "../../ledger/sheet-columns.ts";
import type { MergedArea } from "../../ledger/merged-areas.ts";
import { prescanWorkbook } from "./prescan-workbook.ts";
import { streamWorkbook } from "./stream-workbook.ts";
import { WorkbookError } from "./workbook-error.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";
import { openZipFile, type ZipSource } from "./zip-directory.ts";

export { WorkbookError } from "./workbook-error.ts";

export interface Sheet {
  name: string;
  /** Values as Excel shows them: numbers, strings, booleans, Dates, null. Empty columns are left out. */
  grid: unknown[][];
  /** The sheet column (0-based) of each grid column: what issues and the push's column letters name. */
  columns: ColumnPlaces;
  /** Merged areas holding a value, in grid coordinates: ledger/ tells a row merged across the table by them. */
  merges?: readonly MergedArea[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => buf[i] === b);
}

/** Recognises what kind of file it is before it is unpacked, so the clerk hears the real reason. */
async function checkSignature(src: ZipSource, file: string): Promise<void> {
  const head = await src.read(0, 8);
  if (startsWith(head, ZIP)) return;
  if (startsWith(head, OLE)) {
    // Office wraps password-protected .xlsx files in an OLE container with an "EncryptedPackage" stream.
    if ((await src.read(0, src.size)).includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      throw new WorkbookError("encrypted", `${file} 设有打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后另存再试。 The workbook is password-protected; remove the password and save it again.`);
    }
    throw new WorkbookError("old_xls", `${file} 是旧版 .xls 格式。请在 Excel 中“另存为” .xlsx 后再试。 This is an old .xls workbook; save it as .xlsx first.`);
  }
  throw new WorkbookError("not_xlsx", `${file} 不是 Excel .xlsx 文件（可能是 CSV 或其他文件改了扩展名）。请用 Excel 打开后另存为 .xlsx。 Not an .xlsx file; open it in Excel and save as .xlsx.`);
}

/**
 * The file, open, once it is known to be a readable .xlsx within the limits: found, not larger than the reader takes,
 * a zip and not an old .xls or an encrypted package, and looked through (prescan-workbook.ts) before anything is
 * parsed. Its bytes are read from disk as the parts are unpacked, never held whole. `corrupt` is the refusal for a
 * part that then fails to parse. The caller closes it.
 */
export async function checkedWorkbook(file: string, locale?: Locale): Promise<{ source: ZipSource; corrupt: () => WorkbookError; close(): Promise<void> }> {
  let opened: Awaited<ReturnType<typeof openZipFile>>;
  try {
    opened = await openZipFile(file);
  } catch {
    throw new WorkbookError("not_found", `找不到文件 ${file}。 File not found: ${file}`);
  }
  try {
    if (opened.size > LIMITS.fileBytes) throw tooLarge(file, { kind: "file", bytes: opened.size }, locale);
    await checkSignature(opened, file);
    const corrupt = () => new WorkbookError("corrupt", `${file} 已损坏，无法读取。请用 Excel 打开并另存后再试。 The workbook is damaged; open it in Excel and save it again.`);
    await prescanWorkbook(opened, file, corrupt, locale);
    return { source: opened, corrupt, close: () => opened.close() };
  } catch (e) {
    await opened.close();
    throw e;
  }
}

/**
 * Reads every sheet of an .xlsx in bounded memory: after checkedWorkbook, each part is read as it unpacks and only
 * the plain values of the cells that exist make the grid (stream-workbook.ts). `locale` is the language of a
 * refusal for size; the older refusals say both languages.
 */
export async function readWorkbook(file: string, locale?: Locale): Promise<Sheet[]> {
  const { source, corrupt, close } = await checkedWorkbook(file, locale);
  try {
    return await streamWorkbook(source, file, corrupt, locale);
  } finally {
    await close();
  }
}
