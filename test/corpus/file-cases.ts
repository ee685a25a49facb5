/**
 * Bad-input corpus for the CLI's workbook reader: files a clerk might hand it, each with the exit code and the
 * plain reason `tiaojie validate` must give (or a clean reading). Files are written at run time into `dir`.
 * Runs in test/security/corpus-cli.test.ts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";

export interface FileCase {
  name: string;
  make: (dir: string) => Promise<string> | string;
  expect: { exit: number; says: string };
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
];
