// 分流, confirm and 签收 in the task pane's logic and Excel layer, against the Excel double and a stubbed API client.
import { describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../../ledger/api/client.ts";
import type { IncomingCase, ReceiveReceipt, RoutingRulesView, TransferReceipt, TransferRequest } from "../../ledger/api/routing.ts";
import { createRoutingWorkbook } from "../../addin/hosts/excel/excel-routing-workbook.ts";
import { SheetChangedError } from "../../addin/hosts/routing-workbook.ts";
import { SEVERITY_FILL } from "../../addin/hosts/shared/colours.ts";
import { emptyColumnSettings, readColumnSettings } from "../../addin/pane/logic/columns.ts";
import { Receiver, planAppend, unmappedText } from "../../addin/pane/logic/incoming.ts";
import {
  ConfirmKeys, NoSuggestionsError, basisText, outcomeText, sendConfirm, OUTCOME_HEADER, SUGGESTION_HEADERS, UNROUTED_FILL, planConfirm, planOutcomes, planSuggestions, readIntake,
} from "../../addin/pane/logic/routing-columns.ts";
import { readValues, sheetByName, type CellScalar } from "../support/excel-double/model.ts";
import { parseRect } from "../support/excel-double/address.ts";
import { excelDouble } from "../support/excel-double/node.ts";

const RULES: RoutingRulesView = {
  towns: ["涂岭镇", "南埔镇", "山腰街道"],
  departments: ["区人社局", "区住建局"],
  centres: ["区调解中心"],
  domains: { source: "default", version: null, pushedAt: null, map: { 劳动人事争议: "区人社局", 物业纠纷: "区住建局" } },
  places: { version: 1, pushedAt: null, villages: [{ name: "樟脚村", town: "涂岭镇" }, { name: "前亭村", town: "南埔镇" }] },
};

const INTAKE_HEADER = ["案件编号", "收案日期", "承办单位", "纠纷领域", "申请人", "被申请行政机关", "纠纷发生地", "是否受理", "备注"];
/** A coordinator's intake sheet: title row, header on row 2, cases on rows 3–7; the clerk's note in I4. */
function intakeSheet(): CellScalar[][] {
  return [
    ["泉港区行政争议调解中心收案登记（2026年）", null, null, null, null, null, null, null, null],
    INTAKE_HEADER,
    ["ZX-001", "2026-11-02", null, "劳动争议", "张三", "区人社局", "涂岭镇樟脚村3组", "是", null],
    ["ZX-002", "2026-11-03", "区调解中心", "其他", "李四", "涂岭镇人民政府", "涂岭镇", "是", "急"],
    ["ZX-003", "2026-11-04", "南埔镇", "物业纠纷", "王五", "区住建局", "南埔镇前亭村", "是", null],
    ["ZX-004", "2026-11-05", null, "其他", "赵六", "某公司", "外地", "是", null],
    ["ZX-005", "2026-11-06", null, "其他", "钱七", "区市场监督管理局", "南埔镇前亭村", "是", null],
  ];
}

function workbookWith(values: CellScalar[][], name = "收案登记") {
  const d = excelDouble({ sheets: [{ name, values }] });
  const wb = createRoutingWorkbook({ run: d.run });
  const sheet = () => sheetByName(d.state.workbook, name)!;
  const cells = (address: string) => readValues(sheet(), parseRect(address)!);
  return { ...d, wb, sheet, cells, syncs: () => d.state.recorder.syncs.length, kinds: (since = 0) => d.state.recorder.syncs.slice(since).map((s) => s.kind) };
}

async function suggestInto(x: ReturnType<typeof workbookWith>) {
  const before = x.syncs();
  const read = await x.wb.readActive("columns");
  const intake = readIntake(read.values, readColumnSettings(read.setting), RULES.centres)!;
  const plan = planSuggestions(read.sheetName, intake, RULES, "zh-CN");
  await x.wb.writeColumns(plan.write);
  return { plan, intake, kinds: x.kinds(before) };
}

describe("分流: suggestion columns", () => {
  it("writes 建议承办单位 / 协办单位 / 分流依据 right of the used range in one read and one write sync, leaving the coordinator's cells alone", async () => {
    const x = workbookWith(intakeSheet());
    const original = x.cells("A1:I7");
    const { plan, kinds } = await suggestInto(x);
    expect(kinds).toEqual(["read", "write"]);
    expect(x.cells("J2:L2")).toEqual([[...SUGGESTION_HEADERS]]);
    expect(x.cells("J3:K7")).toEqual([
      ["区人社局", "涂岭镇"], // domain: the department leads, the village's town assists
      ["涂岭镇", ""], // respondent: the town's government
      ["", ""], // already routed to 南埔镇: left alone
      ["", ""], // nothing to go on: the coordinator decides
      ["南埔镇", ""], // place: the village's town
    ]);
    expect(String(x.cells("L3")[0][0])).toMatch(/^纠纷领域：领域“劳动人事争议”由区人社局主管/);
    expect(String(x.cells("L6")[0][0])).toMatch(/^待协调员指定：.*请协调员指定承办单位。$/);
    expect(x.cells("A1:I7")).toEqual(original);
    expect(plan.counts).toEqual({ suggested: 3, unrouted: 1, routed: 1 });
    expect(plan.unroutedRows).toEqual([6]);
  });

  it("highlights the row no unit leads, and only that row", async () => {
    const x = workbookWith(intakeSheet());
    await suggestInto(x);
    const fill = (a: string) => x.sheet().formats[`${parseRect(a)!.r1},${parseRect(a)!.c1}`]?.fill;
    expect([fill("J6"), fill("K6"), fill("L6")]).toEqual([UNROUTED_FILL, UNROUTED_FILL, UNROUTED_FILL]);
    expect([fill("J3"), fill("J5"), fill("J7")]).toEqual([undefined, undefined, undefined]);
  });

  it("running 分流 again rewrites only its own columns, found by their headers, and never reads 建议承办单位 as the unit", async () => {
    const values = intakeSheet();
    const x = workbookWith(values);
    await suggestInto(x);
    // The coordinator types the unit of ZX-004 into the ledger's own 承办单位 column, and a note right of our block.
    x.sheet().values[5][2] = "山腰街道";
    x.sheet().values[3][12] = "已电话联系";
    const again = await suggestInto(x);
    expect(again.intake.own.suggestion).toBe(9);
    expect(again.plan.counts).toEqual({ suggested: 3, unrouted: 0, routed: 2 });
    expect(x.cells("J6:L6")).toEqual([["", "", ""]]);
    expect(x.cells("M4")).toEqual([["已电话联系"]]);
    expect(x.cells("J2:N2")[0].filter((v) => v === SUGGESTION_HEADERS[0])).toHaveLength(1);
  });

  it("a sheet whose cells pass Excel's 5 MB answer is read in chunks, the selection with it", async () => {
    const rows: CellScalar[][] = [INTAKE_HEADER];
    for (let i = 0; i < 40_000; i++) rows.push([`ZX-${i}`, "2026-11-02", null, "劳动争议", "申请人".repeat(5), "区人社局", "涂岭镇樟脚村3组".repeat(3), "是", "备注".repeat(10)]);
    const x = workbookWith(rows);
    x.state.workbook.selection = { sheet: "收案登记", address: "A10:B12" };
    const read = await x.wb.readActive("columns");
    expect(read.values).toHaveLength(40_001);
    expect(read.values[40_000][0]).toBe("ZX-39999");
    expect(read.selectedRows).toEqual([[10, 12]]);
    expect(x.state.recorder.syncs.filter((s) => s.failed)).toHaveLength(1);
    expect(x.state.recorder.syncs.every((s) => s.failed || s.responseBytes <= 4.5 * 1024 * 1024)).toBe(true);
  });

  it("server text that starts like a formula is written as text", async () => {
    const values = intakeSheet();
    values[2][6] = "=HYPERLINK(\"x\")樟脚村";
    const x = workbookWith(values);
    await suggestInto(x);
    expect(Object.keys(x.sheet().formulas)).toEqual([]);
  });
});

describe("confirm", () => {
  it("reads a suggestion the coordinator changed by hand and sends it as their own choice", async () => {
    const x = workbookWith(intakeSheet());
    await suggestInto(x);
    x.sheet().values[5][9] = "山腰街道"; // ZX-004: the coordinator decides
    x.sheet().values[2][10] = "南埔镇"; // ZX-001: another assisting town
    const read = await x.wb.readActive();
    const intake = readIntake(read.values, emptyColumnSettings(), RULES.centres)!;
    const plan = planConfirm(read.values, intake, RULES, { kind: "all" }, "zh-CN");
    const cases = plan.requests.flatMap((r) => r.cases);
    expect(cases.map((c) => [c.row, c.lead, c.assist, c.basis])).toEqual([
      [3, "区人社局", "南埔镇", null],
      [4, "涂岭镇", null, "respondent"],
      [6, "山腰街道", null, null],
      [7, "南埔镇", null, "place"],
    ]);
    expect(cases[2].reason).toBe("协调员指定：山腰街道承办");
    expect(cases[0].reason).toBe("协调员指定：区人社局承办，南埔镇协办");
    expect(cases[0].values).toMatchObject({ caseNo: "ZX-001", place: "涂岭镇樟脚村3组", unit: null });
    expect(plan.requests[0].columns).toMatchObject({ caseNo: "A", place: "G" });
  });

  it("confirms only the selected rows (Ctrl-click areas on the sheet)", async () => {
    const x = workbookWith(intakeSheet());
    await suggestInto(x);
    x.state.workbook.selection = { sheet: "收案登记", address: "B3:C3,E5:E7" };
    const read = await x.wb.readActive();
    expect(read.selectedRows).toEqual([[3, 3], [5, 7]]);
    const intake = readIntake(read.values, emptyColumnSettings(), RULES.centres)!;
    const plan = planConfirm(read.values, intake, RULES, { kind: "selected", rows: read.selectedRows }, "zh-CN");
    expect(plan.rows).toEqual([3, 6, 7]);
    expect(plan.requests[0].cases.map((c) => c.row)).toEqual([3, 7]);
    expect(plan.noLead).toEqual([{ row: 6, caseNo: "ZX-004" }]);
  });

  it("says 分流 must run first when the sheet has no suggestion columns", async () => {
    const x = workbookWith(intakeSheet());
    const read = await x.wb.readActive();
    const intake = readIntake(read.values, emptyColumnSettings(), RULES.centres)!;
    expect(() => planConfirm(read.values, intake, RULES, { kind: "all" }, "zh-CN")).toThrow(NoSuggestionsError);
  });

  it("marks each row's outcome in 转交结果, keeping what earlier confirms wrote on other rows", async () => {
    const x = workbookWith(intakeSheet());
    await suggestInto(x);
    const outcome = async (scope: Parameters<typeof planConfirm>[3], answer: (r: TransferRequest) => TransferReceipt) => {
      const read = await x.wb.readActive();
      const intake = readIntake(read.values, emptyColumnSettings(), RULES.centres)!;
      const plan = planConfirm(read.values, intake, RULES, scope, "zh-CN");
      await x.wb.writeColumns(planOutcomes(read.sheetName, read.values, intake, plan, answer(plan.requests[0]), "zh-CN"));
    };
    const receipt = (r: TransferRequest, refuse: number[] = []): TransferReceipt => ({
      from: "区调解中心", at: "2026-11-27T10:00:00Z",
      counts: { transferred: r.cases.length - refuse.length, unchanged: 0, refused: refuse.length },
      cases: r.cases.map((c) => ({
        row: c.row ?? null, caseNo: String(c.values.caseNo), lead: c.lead, assist: c.assist ?? null, issues: [],
        ...(refuse.includes(c.row!) ? { outcome: "refused" as const, code: "case_no_taken" as const, message: "南埔镇的台账已有案件 ZX-005" } : { outcome: "transferred" as const, code: null, message: null }),
      })),
    });
    await outcome({ kind: "selected", rows: [[3, 3]] }, (r) => receipt(r));
    expect(x.cells("M2:M3")).toEqual([[OUTCOME_HEADER], ["✓ 已转交 区人社局（协办 涂岭镇）（2026-11-27）"]]);
    await outcome({ kind: "selected", rows: [[6, 7]] }, (r) => receipt(r, [7]));
    expect(x.cells("M3:M7")).toEqual([
      ["✓ 已转交 区人社局（协办 涂岭镇）（2026-11-27）"], [""], [""],
      ["✗ 未转交：“建议承办单位”为空，请填写后再确认"],
      ["✗ 未转交：南埔镇的台账已有案件 ZX-005"],
    ]);
    expect(x.sheet().formats["6,12"]?.fill).toBe(SEVERITY_FILL.error);
  });

  it("a confirm whose answer was lost is sent again with the same key and body; a refused one is not retried", async () => {
    const request: TransferRequest = { locale: "zh-CN", cases: [{ row: 3, values: { caseNo: "ZX-001" }, lead: "区人社局" }] };
    const answer: TransferReceipt = { from: "区调解中心", at: "2026-11-27T10:00:00Z", counts: { transferred: 1, unchanged: 0, refused: 0 }, cases: [] };
    const sent: [string, string][] = [];
    let calls = 0;
    const client = {
      confirmTransfers: async (body: TransferRequest, key: string) => {
        sent.push([JSON.stringify(body), key]);
        if (++calls === 1) throw new ApiError("offline", "connection reset");
        return answer;
      },
    };
    const receipts: TransferReceipt[] = [];
    const retried: string[] = [];
    const merged = await sendConfirm(client, [request], new ConfirmKeys(), receipts, { onRetry: (e) => retried.push(e.kind), wait: async () => {} });
    expect(merged.counts).toEqual({ transferred: 1, unchanged: 0, refused: 0 });
    expect(retried).toEqual(["offline"]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    let attempts = 0;
    const refusing = { confirmTransfers: async (): Promise<TransferReceipt> => { attempts++; throw new ApiError("rejected", "bad request", { status: 400 }); } };
    await expect(sendConfirm(refusing, [request], new ConfirmKeys(), [], { wait: async () => {} })).rejects.toThrow("bad request");
    expect(attempts).toBe(1);
  });

  it("in English Office the basis and the outcome are in English", () => {
    expect(basisText({ basis: "place", reason: { zh: "发生地…", en: "The place is in 南埔镇." } }, "en")).toBe("Place: The place is in 南埔镇.");
    expect(basisText({ basis: null, reason: { zh: "…", en: "Decide." } }, "en")).toBe("Coordinator decides: Decide.");
    const o = { row: 3, caseNo: "ZX-1", lead: "区人社局", assist: "涂岭镇", issues: [] };
    expect(outcomeText({ ...o, outcome: "transferred", code: null, message: null }, "2026-11-27T10:00:00Z", "en")).toBe("✓ Transferred to 区人社局 (assisted by 涂岭镇) (2026-11-27)");
    expect(outcomeText({ ...o, outcome: "refused", code: "unknown_lead", message: "not a unit" }, "", "en")).toBe("✗ Not transferred: not a unit");
  });

  it("keeps one Idempotency-Key while the same confirm is retried, and a new one after its answer arrived", () => {
    let n = 0;
    const keys = new ConfirmKeys(() => `transfer-key-${++n}`);
    const request: TransferRequest = { locale: "zh-CN", cases: [{ row: 3, values: { caseNo: "ZX-001" }, lead: "区人社局" }] };
    expect(keys.keyFor(request)).toBe("transfer-key-1");
    expect(keys.keyFor(structuredClone(request))).toBe("transfer-key-1");
    expect(keys.keyFor({ ...request, cases: [{ ...request.cases[0], lead: "涂岭镇" }] })).toBe("transfer-key-2");
    keys.answered(request);
    expect(keys.keyFor(request)).toBe("transfer-key-3");
  });
});

// ---------------------------------------------------------------- 签收

const LEDGER_HEADER = ["序号", "案件编号", "收案日期", "申请人", "被申请行政机关", "纠纷领域", "是否受理", "承办单位", "备注"];
function townLedger(): CellScalar[][] {
  return [
    ["泉港区涂岭镇行政争议调解工作台账（2026年）", null, null, null, null, null, null, null, null],
    LEDGER_HEADER,
    [1, "TL-001", "2026-10-01", "周一", "涂岭镇人民政府", "征地拆迁", "是", "涂岭镇", null],
    [2, "TL-002", "2026-10-02", "吴二", "区住建局", "物业纠纷", "是", "涂岭镇", "已回访"],
  ];
}

const incomingCase = (caseNo: string, over: Partial<IncomingCase> = {}): IncomingCase => ({
  caseNo, from: "区调解中心", lead: "涂岭镇", assist: null, transferredAt: "2026-11-27T10:00:00Z", receivedAt: null, basis: "respondent", reason: "…",
  values: { caseNo, receivedOn: "2026-11-03", applicant: "李四", respondent: "涂岭镇人民政府", domain: "其他", accepted: "是", unit: "涂岭镇", place: "涂岭镇", partyCount: 2, summary: "=1+1 不是公式" },
  ...over,
});

function stubClient(received: string[][]): ApiClient {
  return {
    receiveTransfers: async (caseNos: string[]): Promise<ReceiveReceipt> => {
      received.push(caseNos);
      return { cases: caseNos.map((caseNo) => ({ caseNo, outcome: "received", receivedAt: "2026-11-27T11:00:00Z", code: null, message: null })), notFound: [] };
    },
  } as unknown as ApiClient;
}

describe("签收: appending incoming cases to the clerk's ledger", () => {
  it("maps each value through the clerk's columns (a column fixed by hand included) into new rows below the ledger", async () => {
    const values = townLedger();
    values[1][8] = "情况说明"; // not a header the pane knows: the clerk mapped 备注 to it by hand
    const settings = { version: 1 as const, override: { notes: 8 } };
    const plan = planAppend({ sheetName: "台账", values, selectedRows: [], setting: null }, settings, [incomingCase("ZX-002", { values: { ...incomingCase("ZX-002").values, notes: "转入" } })]);
    expect(plan.firstRow).toBe(5);
    expect(plan.rows).toEqual([[3, "ZX-002", "2026-11-03", "李四", "涂岭镇人民政府", "其他", "是", "涂岭镇", "转入"]]);
    expect(plan.unmapped).toEqual(["summary", "partyCount", "place"]);
    expect(unmappedText(plan, "zh-CN")).toEqual({
      fields: "争议概要、涉及人数、纠纷发生地",
      values: "ZX-002 争议概要“=1+1 不是公式”；ZX-002 涉及人数“2”；ZX-002 纠纷发生地“涂岭镇”",
    });
  });

  it("appends below the last used row, never over a cell, writes formula-like text as text, and signs after writing", async () => {
    const x = workbookWith(townLedger(), "台账");
    const received: string[][] = [];
    const receiver = new Receiver({ workbook: x.wb, client: stubClient(received) });
    const r = await receiver.receive([incomingCase("ZX-002"), incomingCase("ZX-009", { receivedAt: "2026-11-26T00:00:00Z" })]);
    expect(r.appendedRows).toEqual([5, 5]);
    expect(x.cells("A1:I4")).toEqual(townLedger().map((row) => row.map((v) => v ?? "")));
    expect(x.cells("A5:H5")).toEqual([[3, "ZX-002", "2026-11-03", "李四", "涂岭镇人民政府", "其他", "是", "涂岭镇"]]);
    expect(received).toEqual([["ZX-002"]]);
  });

  it("clicked twice, the cases are appended once and signed for", async () => {
    const x = workbookWith(townLedger(), "台账");
    const received: string[][] = [];
    const receiver = new Receiver({ workbook: x.wb, client: stubClient(received) });
    const cases = [incomingCase("ZX-002"), incomingCase("ZX-007")];
    const [first, second] = await Promise.all([receiver.receive(cases), receiver.receive(cases)]);
    expect(first.appendedRows).toEqual([5, 6]);
    expect(second.appendedRows).toBeNull();
    expect(second.plan.already).toEqual(["ZX-002", "ZX-007"]);
    const caseNos = x.sheet().values.map((row) => row?.[1]).filter((v) => typeof v === "string" && v.startsWith("ZX-"));
    expect(caseNos).toEqual(["ZX-002", "ZX-007"]);
    expect(received).toEqual([["ZX-002", "ZX-007"], ["ZX-002", "ZX-007"]]);
  });

  it("after a crash between writing and signing, the next 签收 appends nothing and records the receipt", async () => {
    const x = workbookWith(townLedger(), "台账");
    const failing = { receiveTransfers: async () => { throw new Error("connection lost"); } } as unknown as ApiClient;
    await expect(new Receiver({ workbook: x.wb, client: failing }).receive([incomingCase("ZX-002")])).rejects.toThrow("connection lost");
    const received: string[][] = [];
    const again = await new Receiver({ workbook: x.wb, client: stubClient(received) }).receive([incomingCase("ZX-002")]);
    expect(again.appendedRows).toBeNull();
    expect(received).toEqual([["ZX-002"]]);
    expect(x.sheet().values.filter((row) => row?.[1] === "ZX-002")).toHaveLength(1);
  });

  it("numbers received cases on from the ledger's highest 序号, skipping numbers a clerk typed out of order", () => {
    const values = townLedger();
    values.push(["7", "TL-003", "2026-10-03", "郑三", "区住建局", "物业纠纷", "是", "涂岭镇", null], ["", "TL-004", "2026-10-04", "王四", "区住建局", "物业纠纷", "是", "涂岭镇", null]);
    const plan = planAppend({ sheetName: "台账", values, selectedRows: [], setting: null }, emptyColumnSettings(), [incomingCase("ZX-002"), incomingCase("TL-004"), incomingCase("ZX-003")]);
    expect(plan.already).toEqual(["TL-004"]);
    expect(plan.rows.map((r) => r[0])).toEqual([8, 9]);
    expect(plan.rows.map((r) => r[1])).toEqual(["ZX-002", "ZX-003"]);
  });

  it("received cases continue the 序号 in the sheet, the clerk's numbers untouched; a ledger without 序号 gets none", async () => {
    const x = workbookWith(townLedger(), "台账");
    await new Receiver({ workbook: x.wb, client: stubClient([]) }).receive([incomingCase("ZX-002"), incomingCase("ZX-003")]);
    expect(x.cells("A3:B6")).toEqual([[1, "TL-001"], [2, "TL-002"], [3, "ZX-002"], [4, "ZX-003"]]);
    const noSerial = townLedger().map((r) => r.slice(1));
    const plan = planAppend({ sheetName: "台账", values: noSerial, selectedRows: [], setting: null }, emptyColumnSettings(), [incomingCase("ZX-002")]);
    expect(plan.rows[0][0]).toBe("ZX-002");
  });

  it("writes nothing when someone typed below the ledger after it was read", async () => {
    const x = workbookWith(townLedger(), "台账");
    const read = await x.wb.readActive();
    const plan = planAppend(read, emptyColumnSettings(), [incomingCase("ZX-002")]);
    x.sheet().values[4] = ["备注：本月案件已核对"];
    await expect(x.wb.appendRows(plan.sheetName, plan.firstRow, plan.rows)).rejects.toBeInstanceOf(SheetChangedError);
    expect(x.sheet().values[4]).toEqual(["备注：本月案件已核对"]);
  });
});
