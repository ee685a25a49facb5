import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { LaidOut } from "../fixtures/ledger-layout.ts";
import { SAMPLE_ERRORS } from "../fixtures/sample-errors.ts";
import { blocksLedger } from "../fixtures/blocks-ledger.ts";
import { addLedgerSheet } from "../fixtures/write-xlsx.ts";
import { ROOT, tiaojie } from "./run-cli.ts";

const sample = (f: string) => path.join(ROOT, "samples", f);
const tmp = mkdtempSync(path.join(tmpdir(), "tiaojie-cli-"));

describe("tiaojie validate", () => {
  it("prints only the JSON report with --json, with header row, columns and each planted mistake where it was made", () => {
    const r = tiaojie(["validate", sample("nanpu-2026-with-errors.xlsx"), "--json", "--today", "2026-11-25"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ sheet: "南埔镇台账", headerRow: 2, dataRows: 30, unmapped: ["A"] });
    expect(report.columns).toMatchObject({ caseNo: "B", receivedOn: "C", applicant: "I" });
    const found = report.issues.map((i: { row: number; key: string; code: string }) => [i.row, i.key, i.code]);
    expect(found).toEqual(SAMPLE_ERRORS.map((e) => [e.caseIndex + 3, e.key, e.code]));
    expect(report.issues[1]).toMatchObject({ row: 4, column: "C", severity: "error" });
    expect(report.issues[1].message).toContain("2026.13.45");
  });

  it("exits 0 and says how many cases passed when the ledger is clean", () => {
    const r = tiaojie(["validate", sample("shanyao-2026.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("表头在第 3 行，共 60 条案件，60 条通过，错误 0 处");
  });

  it("reads a ledger kept in monthly blocks as one table: every case and no error, the headings, repeated headers, 小计 rows and signatures skipped and said so", () => {
    const laid = blocksLedger();
    const r = tiaojie(["validate", sample("houlong-2026-blocks.xlsx"), "--json", "--today", "2026-11-25"]);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ sheet: "后龙镇台账", headerRow: 3, dataRows: laid.caseRows.length, issues: [] });
    expect(report.skipped).toEqual({ ...laid.notCases, below: [], end: laid.notCases!.note[0] });
    expect(r.code).toBe(0);

    const human = tiaojie(["validate", sample("houlong-2026-blocks.xlsx"), "--today", "2026-11-25"]);
    expect(human.code).toBe(0);
    const n = laid.caseRows.length;
    const { heading, header, total, note } = laid.notCases!;
    expect(human.stdout).toContain(`共 ${n} 条案件，${n} 条通过，错误 0 处`);
    expect(human.stdout).toContain(
      `另有 ${heading.length + header.length + total.length + note.length} 行不是案件，已跳过：标题 ${heading.length} 行、重复的表头 ${header.length} 行、小计/合计 ${total.length} 行、说明和签名 ${note.length} 行。`,
    );
    const en = tiaojie(["validate", sample("houlong-2026-blocks.xlsx"), "--today", "2026-11-25", "--locale", "en"]);
    expect(en.stdout).toContain(`${n} case rows, ${n} valid, 0 errors`);
    expect(en.stdout).toContain(`were skipped: ${heading.length} headings, ${header.length} repeated header rows`);
  });

  it("finds a two-level header and uses the clerk's unit when the ledger has no unit column", () => {
    const r = tiaojie(["validate", sample("renshe-2026.xlsx"), "--unit", "区人社局", "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ headerRow: 3, dataRows: 40, issues: [] });
    expect(report.columns).toMatchObject({ applicant: "D", applicantId: "E", phone: "F" });
  });

  it("lists issues as cell, column and message in the human report, in English when asked", () => {
    const zh = tiaojie(["validate", sample("nanpu-2026-with-errors.xlsx"), "--today", "2026-11-25"]);
    expect(zh.stdout).toContain("✗ C4 收案日期: 「收案日期」“2026.13.45”不是可识别的日期");
    const en = tiaojie(["validate", sample("nanpu-2026-with-errors.xlsx"), "--locale", "en", "--today", "2026-11-25"]);
    expect(en.stdout).toContain("✗ C4 收案日期: \"收案日期\" \"2026.13.45\" is not a date we can read");
    expect(en.stdout).toMatch(/header at row 2, 30 case rows, 19 valid, 11 errors, 2 warnings/);
  });

  it("checks units and mediators only against the lists it is given", () => {
    const r = tiaojie(["validate", sample("shanyao-2026.xlsx"), "--json", "--units", "南埔镇,界山镇", "--mediators", "陈美华"]);
    const codes = new Set(JSON.parse(r.stdout).issues.map((i: { code: string }) => i.code));
    expect(codes).toEqual(new Set(["unknown_unit", "unknown_mediator"]));
    expect(r.code).toBe(1);
  });

  it("exits 2 with a plain reason for a file that is not an .xlsx", () => {
    const csv = path.join(tmp, "台账.xlsx");
    writeFileSync(csv, "案件编号,收案日期\nA-1,2026-05-01\n");
    const r = tiaojie(["validate", csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不是 Excel .xlsx 文件");
    expect(r.stdout).toBe("");
  });

  it("exits 2 for a password-protected workbook and for an old .xls, saying what to do", () => {
    // Both are OLE compound files; an encrypted .xlsx carries an EncryptedPackage stream.
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const enc = path.join(tmp, "locked.xlsx");
    writeFileSync(enc, Buffer.concat([ole, Buffer.alloc(504), Buffer.from("EncryptedPackage", "utf16le")]));
    const locked = tiaojie(["validate", enc]);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain("设有打开密码");
    const xls = path.join(tmp, "old.xlsx");
    writeFileSync(xls, Buffer.concat([ole, Buffer.alloc(504)]));
    const old = tiaojie(["validate", xls]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("另存为” .xlsx");
  });

  it("exits 2 for a damaged .xlsx, a missing file, and a workbook without a ledger header", async () => {
    const broken = path.join(tmp, "broken.xlsx");
    writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]));
    expect(tiaojie(["validate", broken])).toMatchObject({ code: 2, stderr: expect.stringContaining("已损坏") });
    expect(tiaojie(["validate", path.join(tmp, "nope.xlsx")])).toMatchObject({ code: 2, stderr: expect.stringContaining("找不到文件") });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("通讯录").addRow(["姓名", "电话"]);
    const other = path.join(tmp, "other.xlsx");
    await wb.xlsx.writeFile(other);
    expect(tiaojie(["validate", other])).toMatchObject({ code: 2, stderr: expect.stringContaining("找不到台账表头") });
  });

  it("validates a registration form whose 申请人 and 被申请人 groups share 姓名或名称 / 电话, with 公文 dates, by the right columns", async () => {
    const laid: LaidOut = {
      grid: [
        ["行政争议调解案件登记表", null, null, null, null, null, null, null],
        ["登记编号", "登记日期", "申请人", null, "被申请人", null, "是否受理", "不予受理理由"],
        [null, null, "姓名或名称", "电话", "姓名或名称", "电话", null, null],
        ["DJ-1", "二〇二六年三月五日", "王伟", "12345", "区住建局", "住建局办公室", "否", "不属于受理范围"],
        ["DJ-2", "二〇二六 年 十 月 二十五 日", "李娜", "13800138000", "区人社局", "0595-87123456", "否", "已过申请期限"],
        ["DJ-3", "二〇二六年二月三十日", "张强", "13900139000", "区教育局", null, "否", "重复申请"],
      ],
      merges: [
        { row: 0, from: 0, to: 7 }, { row: 1, from: 2, to: 3 }, { row: 1, from: 4, to: 5 },
        ...[0, 1, 6, 7].map((c) => ({ row: 1, from: c, to: c, rows: 2 })),
      ],
      caseRows: [4, 5, 6],
    };
    const wb = new ExcelJS.Workbook();
    addLedgerSheet(wb, "登记表", laid);
    const file = path.join(tmp, "登记表.xlsx");
    await wb.xlsx.writeFile(file);
    const r = tiaojie(["validate", file, "--json", "--unit", "山腰街道", "--today", "2026-11-25"]);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ headerRow: 3, dataRows: 3, unmapped: ["F"] });
    expect(report.columns).toEqual({ caseNo: "A", receivedOn: "B", applicant: "C", phone: "D", respondent: "E", accepted: "G", rejectReason: "H" });
    expect(report.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([
      [4, "D", "invalid_phone"], [6, "B", "invalid_date"],
    ]);
    expect(report.issues[1].message).toContain("2026年2月只有28天");
    expect(r.code).toBe(1);
  });

  it("validates the sheet named with --sheet and refuses a sheet that does not exist", () => {
    expect(tiaojie(["validate", sample("shanyao-2026.xlsx"), "--sheet", "台账"]).code).toBe(0);
    const r = tiaojie(["validate", sample("shanyao-2026.xlsx"), "--sheet", "2025年"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("找不到工作表“2025年”，现有：台账");
  });

  it("exits 2 with usage for a wrong option", () => {
    const r = tiaojie(["validate", "--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage: tiaojie validate");
  });
});
