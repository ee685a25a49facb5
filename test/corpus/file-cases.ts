/**
 * Bad-input corpus for the CLI's workbook reader: files a clerk might hand it, each with the exit code and the
 * plain reason `tiaojie validate` must give (or a clean reading). Files are written at run time into `dir`.
 * Runs in test/cli/corpus.test.ts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { columnLetter as columnName } from "../../ledger/columns.ts";
import { handMadeWorkbook } from "./hand-made-xlsx.ts";

export interface FileCase {
  name: string;
  make: (dir: string) => Promise<string> | string;
  /**
   * `says` is in stdout for a reading, stderr for a refusal (exit 2); `saysEn` is a refusal's words with
   * `--locale en`. `row`: the Excel row number `tiaojie push` must send for the file's one case.
   */
  expect: { exit: number; says: string; saysEn?: string; row?: number };
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEADER = ["案件编号", "收案日期", "案件来源", "纠纷类型", "调解阶段", "调解类型", "申请人", "被申请人", "是否受理", "调解员", "调解状态", "案情简介"];
const row = (caseNo: string, summary: string) => [caseNo, "2026-05-26", "当事人申请", "劳动争议", "诉前", "行政调解", "张三", "区人社局", "是", "李四", "调解中", summary];

async function ledger(dir: string, name: string, rows: unknown[][], extraColumns = 0): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow([...HEADER, ...Array.from({ length: extraColumns }, (_, i) => `备用${i + 1}`)]);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function write(dir: string, name: string, data: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

/** `count` copies of `text`, one piece at a time: a hand-made part of hundreds of MB never sits in memory. */
function* repeated(text: string, count: number): Generator<string> {
  const PIECE = 1 << 16;
  const piece = text.repeat(Math.max(1, Math.floor(PIECE / text.length)));
  const perPiece = piece.length / text.length;
  let left = count;
  for (; left >= perPiece; left -= perPiece) yield piece;
  yield text.repeat(left);
}

/** The ledger's header on row 1 and one case on row `at`, its cells in A…L unless `cell` says otherwise. */
async function caseAt(dir: string, name: string, at: number, place?: { column: string; header: string; value: string }): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  const header = place ? HEADER.filter((h) => h !== place.header) : HEADER;
  const values = place ? row("SY-001", "a").filter((_, i) => HEADER[i] !== place.header) : row("SY-001", "a");
  ws.getRow(1).values = header;
  ws.getRow(at).values = values;
  if (place) {
    ws.getCell(`${place.column}1`).value = place.header;
    ws.getCell(`${place.column}${at}`).value = place.value;
  } else {
    ws.getCell(`B${at}`).value = "2026年13月5日";
  }
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A shared-strings cell and an inline number cell of hand-made sheet XML. */
const sharedCell = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;

export const FILE_CASES: FileCase[] = [
  { name: "a CSV renamed .xlsx", make: (d) => write(d, "csv.xlsx", "案件编号,收案日期\nSY-1,2026-05-01\n"), expect: { exit: 2, says: "不是 Excel .xlsx 文件" } },
  { name: "an old .xls renamed .xlsx", make: (d) => write(d, "old.xlsx", Buffer.concat([OLE, Buffer.alloc(1024)])), expect: { exit: 2, says: "旧版 .xls" } },
  { name: "a password-protected workbook", make: (d) => write(d, "locked.xlsx", Buffer.concat([OLE, Buffer.alloc(504), Buffer.from("EncryptedPackage", "utf16le"), Buffer.alloc(64)])), expect: { exit: 2, says: "设有打开密码" } },
  { name: "a zip that is not a workbook", make: (d) => write(d, "zip.xlsx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 0x41)])), expect: { exit: 2, says: "已损坏" } },
  {
    name: "a real workbook cut off half-way",
    make: async (d) => {
      const whole = await ledger(d, "whole.xlsx", [row("SY-001", "a")]);
      const { readFileSync } = await import("node:fs");
      const buf = readFileSync(whole);
      return write(d, "truncated.xlsx", buf.subarray(0, Math.floor(buf.length / 2)));
    },
    expect: { exit: 2, says: "已损坏" },
  },
  { name: "an empty file", make: (d) => write(d, "empty.xlsx", Buffer.alloc(0)), expect: { exit: 2, says: "不是 Excel .xlsx 文件" } },
  { name: "a text file of invalid UTF-8 renamed .xlsx", make: (d) => write(d, "bytes.xlsx", Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xc0])), expect: { exit: 2, says: "不是 Excel .xlsx 文件" } },
  {
    name: "a ledger with formula-injection text, control characters, emoji and SQL (a clean reading)",
    make: (d) => ledger(d, "hostile.xlsx", [
      row("SY-001", '=HYPERLINK("http://evil.example","x")'), row("SY-002", "@SUM(1+1)"), row("SY-003", "+cmd|' /C calc'!A0"),
      row("SY-004", "张\u0007三😀"), row("SY-005'; DROP TABLE cases;--", "\u200B零宽"),
    ]),
    expect: { exit: 0, says: "共 5 条案件，5 条通过" },
  },
  {
    name: "a ledger with a 100,000-character cell",
    make: (d) => ledger(d, "long.xlsx", [row("SY-001", "长".repeat(100_000))]),
    expect: { exit: 1, says: "超过上限 20000 字" },
  },
  {
    name: "a ledger 10,000 columns wide",
    make: (d) => ledger(d, "wide.xlsx", [row("SY-001", "a"), row("SY-002", "b")], 10_000 - HEADER.length),
    expect: { exit: 0, says: "共 2 条案件，2 条通过" },
  },
  {
    name: "a ledger whose one case sits on row 1,048,576, Excel's last (read, and its mistake reported at its real row)",
    make: (d) => caseAt(d, "last-row.xlsx", 1_048_576),
    expect: { exit: 1, says: "✗ B1048576 收案日期", row: 1_048_576 },
  },
  {
    name: "a ledger whose 收案日期 column is XFD, Excel's last, with its one case at XFD1048576 (read, the cell named as Excel names it)",
    make: (d) => caseAt(d, "last-cell.xlsx", 1_048_576, { column: "XFD", header: "收案日期", value: "2026年13月5日" }),
    expect: { exit: 1, says: "✗ XFD1048576 收案日期", row: 1_048_576 },
  },
  {
    name: "a hand-made workbook whose one cell holds 500 MB of text",
    make: (d) => handMadeWorkbook(path.join(d, "huge-cell.xlsx"), {
      strings: [() => ["案件编号"], () => repeated("长", 500 * 1024 * 1024 / 3)],
      rows: () => [`<row r="1">${sharedCell("A1", 0)}</row><row r="2">${sharedCell("A2", 1)}</row>`],
    }),
    expect: { exit: 2, says: "中有单元格长达 174,762,666 个字符，超出上限 1,000,000 个 17,376%（Excel 最多 32,767 个）", saysEn: "has a cell of 174,762,666 characters, 17,376% over the limit of 1,000,000 (Excel allows 32,767)" },
  },
  {
    name: "a hand-made workbook of 12,000,000 empty cells",
    make: (d) => handMadeWorkbook(path.join(d, "many-cells.xlsx"), {
      rows: function* () {
        // 12,000 rows of 1,000 cells, less one <c> for each <row>, which counts as a cell too.
        for (let r = 1; r <= 12_000; r++) yield `<row r="${r}">` + "<c/>".repeat(999) + "</row>";
      },
    }),
    expect: { exit: 2, says: "有 12,000,000 个单元格，超出上限 10,000,000 个 20%", saysEn: "has 12,000,000 cells, 20% over the limit of 10,000,000" },
  },
  {
    name: "a hand-made workbook of 12,000,000 distinct texts (shared strings) for one cell",
    make: (d) => handMadeWorkbook(path.join(d, "many-strings.xlsx"), {
      strings: [() => ["案件编号"]],
      moreStrings: {
        count: 11_999_999,
        xml: function* () {
          for (let i = 0; i < 11_999_999; i += 1_000) {
            let piece = "";
            for (let k = i; k < Math.min(i + 1_000, 11_999_999); k++) piece += `<si><t>${k}</t></si>`;
            yield piece;
          }
        },
      },
      rows: () => [`<row r="1">${sharedCell("A1", 0)}</row>`],
    }),
    expect: { exit: 2, says: "有 12,000,000 段不同的文字（共享字符串），超出上限 10,000,000 段 20%", saysEn: "has 12,000,000 distinct texts (shared strings), 20% over the limit of 10,000,000" },
  },
  {
    name: "a hand-made workbook of 12,000,000 merged areas",
    make: (d) => handMadeWorkbook(path.join(d, "many-merges.xlsx"), {
      strings: [() => ["案件编号"]],
      rows: () => [`<row r="1">${sharedCell("A1", 0)}</row>`],
      afterRows: function* () {
        yield "<mergeCells>";
        for (let r = 1; r <= 12_000_000; r += 1_000) {
          let piece = "";
          for (let k = r; k < r + 1_000; k++) piece += `<mergeCell ref="A${k}:B${k}"/>`;
          yield piece;
        }
        yield "</mergeCells>";
      },
    }),
    expect: { exit: 2, says: "有 12,000,000 个合并单元格区域，超出上限 10,000,000 个 20%", saysEn: "has 12,000,000 merged areas, 20% over the limit of 10,000,000" },
  },
  {
    name: "a hand-made workbook of 120,000,000 characters of text, 100,000 to a cell",
    make: (d) => handMadeWorkbook(path.join(d, "much-text.xlsx"), {
      strings: [() => ["案件编号"], ...Array.from({ length: 1_200 }, () => () => repeated("x", 100_000))],
      rows: () => [`<row r="1">${sharedCell("A1", 0)}</row><row r="2">${sharedCell("A2", 1)}</row>`],
    }),
    expect: { exit: 2, says: "的单元格中共有 120,000,006 个字符（文字和数字），超出上限 100,000,000 个 20%", saysEn: "holds 120,000,006 characters of text and numbers in its cells, 20% over the limit of 100,000,000" },
  },
  {
    name: "a hand-made workbook whose values spread over 5,000 rows × 10,000 columns, one per row",
    make: (d) => handMadeWorkbook(path.join(d, "spread.xlsx"), {
      strings: [() => ["x"]],
      rows: function* () {
        for (let r = 1; r <= 5_000; r++) yield `<row r="${r}">${sharedCell(`${columnName(r * 3)}${r}`, 0)}</row>`;
      },
    }),
    expect: {
      exit: 2, says: "有内容的区域达 5,000 行 × 10,000 列（50,000,000 格），超出上限 20,000,000 格 150%",
      saysEn: "spreads over 5,000 rows × 10,000 columns that hold values (50,000,000 cells), 150% over the limit of 20,000,000",
    },
  },
  {
    name: "a hand-made workbook with a cell on row 2,000,000, beyond Excel's last row",
    make: (d) => handMadeWorkbook(path.join(d, "beyond.xlsx"), {
      strings: [() => ["x"]],
      rows: () => [`<row r="2000000">${sharedCell("A2000000", 0)}</row>`],
    }),
    expect: { exit: 2, says: "超出 Excel 的范围（1,048,576 行 × 16,384 列）", saysEn: "outside Excel's 1,048,576 rows × 16,384 columns" },
  },
  {
    name: "a zip bomb: a part that claims 1 KB and unpacks to 300 MB",
    make: (d) => handMadeWorkbook(path.join(d, "bomb.xlsx"), {
      rows: () => ["<row/>"],
      extra: [{ name: "xl/media/image1.png", pieces: () => repeated("\0", 300 * 1024 * 1024), claimSize: 1024 }],
    }),
    expect: { exit: 2, says: "已损坏" },
  },
  {
    name: "a workbook whose picture unpacks to 1.5 GB",
    make: (d) => handMadeWorkbook(path.join(d, "big-picture.xlsx"), {
      rows: () => ["<row/>"],
      extra: [{ name: "xl/media/image1.png", pieces: () => repeated("\0", 1.5 * 1024 * 1024 * 1024) }],
    }),
    expect: { exit: 2, says: "解压后有 1,536 MB，超出上限 1,024 MB 50%", saysEn: "is 1,536 MB once unpacked, 50% over the limit of 1,024 MB" },
  },
];
