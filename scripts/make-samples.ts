// Writes the sample ledgers in samples/: `npx node scripts/make-samples.ts`. Deterministic (seeded), so the
// committed files only change when this script does.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { generateCases } from "../test/fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS, type Layout, type LayoutColumn } from "../test/fixtures/ledger-layout.ts";
import { addLedgerSheet } from "../test/fixtures/write-xlsx.ts";
import { BLOCKS_DATE_COLUMNS, blocksLedger } from "../test/fixtures/blocks-ledger.ts";
import { SAMPLE_ERRORS } from "../test/fixtures/sample-errors.ts";
import { DEMO_ROSTER } from "../test/fixtures/roster.ts";

const out = path.resolve(import.meta.dirname, "../samples");
const NOTES = [
  "填表说明：1.案件编号按“单位简称-年份-序号”编排；2.日期请填写年月日；3.是否受理、是否司法确认填“是”或“否”。",
  "填报人：林晓燕　　审核人：陈建国　　联系电话：0595-87712345",
];

async function save(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "泉港区行政争议调解中心";
  // Fixed dates keep the files byte-identical between runs.
  wb.created = wb.modified = new Date("2026-11-20T00:00:00Z");
  build(wb);
  const zip = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFile(path.join(out, file), stampZipEntries(zip, FIXED_DOS_TIME, FIXED_DOS_DATE));
}

// The zip writer stamps every entry with the time of writing; one fixed stamp (2026-11-20 00:00) keeps the samples
// byte-identical between runs, so a changed sample in a diff is a changed sample.
const FIXED_DOS_TIME = 0;
const FIXED_DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 20;

/** Sets every entry's modification time in the central directory and in its local header. */
function stampZipEntries(zip: Buffer, time: number, date: number): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is malformed`);
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(date, at + 14);
    const local = zip.readUInt32LE(at + 42);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

function dateColumns(columns: LayoutColumn[]): number[] {
  const keys = new Set(["receivedOn", "closedOn", "commitmentDue", "commitmentMetOn"]);
  return columns.flatMap((c, i) => (keys.has(c.key) ? [i] : []));
}

// A town: the standard layout, dates typed every which way, √/× for yes/no, 万元 amounts, blank rows.
const town: Layout = {
  title: "泉港区山腰街道行政争议调解工作台账（2026年）",
  info: "填报单位：山腰街道人民调解委员会　　填报日期：2026年11月20日",
  columns: STANDARD_COLUMNS,
  dateStyle: "mixed",
  yesNo: ["√", "×"],
  amountInWan: true,
  blankEvery: 15,
  totalRow: true,
  notes: NOTES,
};
const townRows = generateCases({ seed: 11, count: 60, unit: "山腰街道", prefix: "SY" });
await save("shanyao-2026.xlsx", (wb) => addLedgerSheet(wb, "台账", layOut(townRows, town), dateColumns(town.columns)));

// A department: a two-level header (申请人 → 姓名 / 证件号码 / 联系电话), other wording, other column order.
const deptColumns: LayoutColumn[] = [
  { key: "seq", header: "序号" },
  { key: "caseNo", header: "登记编号" },
  { key: "receivedOn", header: "登记日期" },
  { key: "applicant", header: "姓名", group: "申请人" },
  { key: "applicantId", header: "证件号码", group: "申请人" },
  { key: "phone", header: "联系电话", group: "申请人" },
  { key: "respondent", header: "被申请人" },
  { key: "domain", header: "纠纷类型" },
  { key: "source", header: "来源" },
  { key: "stage", header: "阶段" },
  { key: "mediationType", header: "调解方式" },
  { key: "summary", header: "简要案情" },
  { key: "accepted", header: "受理情况" },
  { key: "rejectReason", header: "未受理原因" },
  { key: "mediator", header: "承办人" },
  { key: "status", header: "调解结果" },
  { key: "closedOn", header: "办结日期" },
  { key: "amount", header: "涉及金额" },
  { key: "commitment", header: "行政机关承诺" },
  { key: "commitmentDue", header: "兑现期限" },
  { key: "commitmentMetOn", header: "兑现日期" },
  { key: "complexity", header: "案件难度" },
  { key: "partyCount", header: "人数" },
  { key: "notes", header: "说明" },
];
const dept: Layout = {
  title: "泉港区人力资源和社会保障局行政争议调解台账",
  columns: deptColumns,
  dateStyle: "serial",
  yesNo: ["是", "否"],
  totalRow: false,
  notes: [NOTES[1]],
};
const deptRows = generateCases({ seed: 22, count: 40, unit: "区人社局", prefix: "RS", successShare: 0.7 });
await save("renshe-2026.xlsx", (wb) => addLedgerSheet(wb, "2026年", layOut(deptRows, dept), dateColumns(dept.columns)));

// A town ledger with one mistake of every kind a clerk makes (see test/fixtures/sample-errors.ts).
const errRows = generateCases({ seed: 33, count: 30, unit: "南埔镇", prefix: "NP" });
const errLayout: Layout = { title: "泉港区南埔镇行政争议调解工作台账（2026年）", columns: STANDARD_COLUMNS, dateStyle: "iso", totalRow: true };
const laid = layOut(errRows, errLayout);
for (const e of SAMPLE_ERRORS) {
  for (const [key, value] of Object.entries(e.set)) {
    const c = STANDARD_COLUMNS.findIndex((x) => x.key === key);
    laid.grid[laid.caseRows[e.caseIndex] - 1][c] = value;
  }
}
await save("nanpu-2026-with-errors.xlsx", (wb) => addLedgerSheet(wb, "南埔镇台账", laid, []));

// A town ledger kept on a printed form in monthly blocks (test/fixtures/blocks-ledger.ts): merged headings, the header
// printed again, 小计 rows, 以下空白 over empty bordered rows, a frozen and filtered header, signatures below.
await save("houlong-2026-blocks.xlsx", (wb) => addLedgerSheet(wb, "后龙镇台账", blocksLedger(), BLOCKS_DATE_COLUMNS));

// The mediator roster (调解员名册), read by the same header detection as case ledgers.
await save("roster-2026.xlsx", (wb) => {
  const ws = wb.addWorksheet("调解员名册");
  ws.addRow(["泉港区行政争议调解员名册（2026年）"]);
  ws.mergeCells(1, 1, 1, 9);
  ws.addRow(["序号", "姓名", "级别", "人才库类别", "所属单位", "擅长领域", "每期承办能力", "是否在册", "联系电话"]);
  DEMO_ROSTER.forEach((m, i) => ws.addRow([i + 1, m.name, m.tier, m.background, m.unit, m.expertise, m.capacity, m.active, m.phone]));
  ws.columns.forEach((col) => (col.width = 14));
});

// The coordinator's place sheet (村（社区） | 所属镇（街道）) for routing: plausible villages of the demo towns. Kept in a
// sample, never in product code; 后郭村 is listed under two towns, as districts have such names.
await save("routing-places-2026.xlsx", (wb) => {
  const ws = wb.addWorksheet("村居表");
  ws.addRow(["泉港区村（社区）与镇（街道）对照表（分流用）"]);
  ws.mergeCells(1, 1, 1, 3);
  ws.addRow(["序号", "村（社区）", "所属镇（街道）"]);
  const rows: [string, string][] = [
    ["钟厝村、新村村、后郭村、山腰社区", "山腰街道"],
    ["南埔村、柯厝村、东张村、天竺村", "南埔镇"],
    ["界山村、东庄村、顶张村", "界山镇"],
    ["土坑村、后郭村、港内村", "后龙镇"],
    ["诚峰村、沙格村、东埔村", "峰尾镇"],
    ["前黄村、坑边村、凤北村", "前黄镇"],
    ["樟脚村、涂岭村、小坝村、黄田村", "涂岭镇"],
  ];
  rows.forEach(([villages, town], i) => ws.addRow([i + 1, villages, town]));
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 16;
});

// The centre's intake sheet (收案登记): ledger columns, no unit yet (or the centre's own); `tiaojie route` routes it.
await save("intake-2026.xlsx", (wb) => {
  const ws = wb.addWorksheet("收案登记");
  ws.addRow(["泉港区行政争议调解中心收案登记表（2026年）"]);
  ws.mergeCells(1, 1, 1, 13);
  ws.addRow(["案件编号", "收案日期", "承办单位", "案件来源", "纠纷领域", "所处阶段", "调解类型", "申请人", "被申请行政机关", "纠纷发生地", "是否受理", "调解员", "办理状态"]);
  const rows: (string | null)[][] = [
    ["ZX-2026-0101", "2026-11-16", null, "当事人申请", "劳动争议", "诉前", "行政调解", "陈志强", "区人社局", "涂岭镇樟脚村3组", "是", "王秀珍", "调解中"],
    ["ZX-2026-0102", "2026-11-16", null, "当事人申请", "征地拆迁", "诉前", "行政调解", "林美玲", "南埔镇人民政府", "南埔镇柯厝村", "是", "王秀珍", "调解中"],
    ["ZX-2026-0103", "2026-11-17", null, "法院委派（诉前）", "物业纠纷", "诉前", "司法调解", "黄国庆", "区住建局", "山腰街道钟厝村", "是", "王秀珍", "调解中"],
    ["ZX-2026-0104", "2026-11-18", "区行政争议调解中心", "信访转办", "其他", "信访", "人民调解", "刘德华", "区市场监督管理局", "峰尾镇诚峰村", "是", "王秀珍", "调解中"],
    ["ZX-2026-0105", "2026-11-18", null, "当事人申请", "其他", "诉前", "人民调解", "郑丽娟", "区市场监督管理局", "后郭村", "是", "王秀珍", "调解中"],
    ["ZX-2026-0106", "2026-11-19", null, "法院委托（诉中）", "文化旅游", "审判", "司法调解", "吴建华", "区商务局", null, "是", "王秀珍", "调解中"],
  ];
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col) => (col.width = 14));
});

process.stdout.write(`samples written to ${out}\n`);
