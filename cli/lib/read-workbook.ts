import { readFile, stat } from "node:fs/promises";
import type { Locale } from "../../ledger/messages.ts";
import type { ColumnPlaces } from "../../ledger/sheet-columns.ts";
import { prescanWorkbook } from "./prescan-workbook.ts";
import { streamWorkbook } from "./stream-workbook.ts";
import { WorkbookError } from "./workbook-error.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";

export { WorkbookError } from "./workbook-error.ts";

export interface Sheet {
  name: string;
  /** Values as Excel shows them: numbers, strings, booleans, Dates, null. Empty columns are left out. */
  grid: unknown[][];
  /** The sheet column (0-based) of each grid column: what issues and the push's column letters name. */
  columns: ColumnPlaces;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => buf[i] === b);
}

/** Recognises what kind of file it is before it is unpacked, so the clerk hears the real reason. */
function checkSignature(buf: Buffer, file: string): void {
  if (startsWith(buf, ZIP)) return;
  if (startsWith(buf, OLE)) {
    // Office wraps password-protected .xlsx files in an OLE container with an "EncryptedPackage" stream.
    if (buf.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      throw new WorkbookError("encrypted", `${file} 设有打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后另存再试。 The workbook is password-protected; remove the password and save it again.`);
    }
    throw new WorkbookError("old_xls", `${file} 是旧版 .xls 格式。请在 Excel 中“另存为” .xlsx 后再试。 This is an old .xls workbook; save it as .xlsx first.`);
  }
  throw new WorkbookError("not_xlsx", `${file} 不是 Excel .xlsx 文件（可能是 CSV 或其他文件改了扩展名）。请用 Excel 打开后另存为 .xlsx。 Not an .xlsx file; open it in Excel and save as .xlsx.`);
}

/**
 * The file's bytes once they are known to be a readable .xlsx within the limits: found, not larger than it may unpack
 * to, a zip and not an old .xls or an encrypted package, and looked through (prescan-workbook.ts) before anything is
 * parsed. `corrupt` is the refusal for a part that then fails to parse.
 */
export async function checkedWorkbookBytes(file: string, locale?: Locale): Promise<{ buf: Buffer; corrupt: () => WorkbookError }> {
  let buf: Buffer;
  try {
    // The file is held whole while it is read: one larger than that cap is refused unread.
    const size = (await stat(file)).size;
    if (size > LIMITS.fileBytes) throw tooLarge(file, { kind: "file", bytes: size }, locale);
    buf = await readFile(file);
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw new WorkbookError("not_found", `找不到文件 ${file}。 File not found: ${file}`);
  }
  checkSignature(buf, file);
  const corrupt = () => new WorkbookError("corrupt", `${file} 已损坏，无法读取。请用 Excel 打开并另存后再试。 The workbook is damaged; open it in Excel and save it again.`);
  await prescanWorkbook(buf, file, corrupt, locale);
  return { buf, corrupt };
}

/**
 * Reads every sheet of an .xlsx in bounded memory: after checkedWorkbookBytes, each part is read as it unpacks and
 * only the plain values of the cells that exist make the grid (stream-workbook.ts). `locale` is the language of a
 * refusal for size; the older refusals say both languages.
 */
export async function readWorkbook(file: string, locale?: Locale): Promise<Sheet[]> {
  const { buf, corrupt } = await checkedWorkbookBytes(file, locale);
  return streamWorkbook(buf, file, corrupt, locale);
}
