// The coordinator routes an intake sheet (分流) and confirms the transfers; the town's clerk opens 转入案件 in their own
// ledger and signs for them (签收): the cases appear once at the bottom of the clerk's ledger even when the button is
// clicked twice; and the place sheet is pushed as routing rules. One flow, run over each host's double:
// test/e2e/routing.test.ts (Excel) and test/e2e/wps-routing.test.ts (WPS 表格); Excel's sync budget is Excel's own.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLetter } from "../../../ledger/columns.ts";
import { addDays } from "../../../ledger/period.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import type { Incoming } from "../../../ledger/api/routing.ts";
import { UNROUTED_FILL } from "../../../addin/pane/logic/routing-columns.ts";
import { STANDARD_COLUMNS } from "../../fixtures/ledger-layout.ts";
import {
  addUnit, allCases, api, assertNoCspViolations, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, screenshotPath, startPaneServer, startWorker, step,
  type OpenPane, type PaneHost, type PaneServer, type TestWorker,
} from "../harness.ts";
import { generatedLedger, type GeneratedLedger } from "../fixtures.ts";
import { button, excel, openTab, waitForNote, workbook } from "../pane-ui.ts";
import type { CellScalar } from "../../support/excel-double/model.ts";

const CENTRE = "区调解中心";
const TULING = "涂岭镇";
const NANPU = "南埔镇";
const RENSHE = "区人社局";
const SHEET = "收案登记";
const SLOW = { timeout: 120_000 };
const received = addDays(todayInChina(), -5);

const HEADER = ["案件编号", "收案日期", "承办单位", "案件来源", "纠纷领域", "所处阶段", "调解类型", "申请人", "被申请行政机关", "纠纷发生地", "是否受理", "调解员", "办理状态"];
const row = (caseNo: string, unit: string | null, domain: string, respondent: string, place: string): CellScalar[] =>
  [caseNo, received, unit, "当事人申请", domain, "诉前", "人民调解", `申请人${caseNo.slice(-1)}`, respondent, place, "是", "陈调解", "调解中"];
/** The centre's intake register: title, header on row 2, five cases on rows 3–7. */
const INTAKE: CellScalar[][] = [
  ["泉港区行政争议调解中心收案登记（2026年）", ...HEADER.slice(1).map(() => null)],
  HEADER,
  row("ZX-101", null, "劳动争议", RENSHE, "涂岭镇樟脚村3组"), // domain → 区人社局 leads, 涂岭镇 assists
  row("ZX-102", CENTRE, "其他", "涂岭镇人民政府", "涂岭镇"), // respondent → 涂岭镇
  row("ZX-103", null, "其他", "区市场监督管理局", "外地"), // nothing to go on: the coordinator decides
  row("ZX-104", NANPU, "物业纠纷", "区住建局", "南埔镇"), // already routed: left alone
  row("ZX-105", null, "其他", "区市场监督管理局", "南埔镇前亭村"), // place → 南埔镇
];
const WIDTH = HEADER.length;
/** The coordinator's place sheet, with one town that is not configured (row 4). */
const PLACES: CellScalar[][] = [
  ["村（社区）", "所属镇（街道）"],
  ["樟脚村", TULING],
  ["前亭村", NANPU],
  ["某某村", "不存在镇"],
];
const col = (i: number) => columnLetter(WIDTH + i);


export interface RoutingContext {
  worker: TestWorker;
  pane: PaneServer;
  browser: Browser;
  coordinator: string;
  clerk: string;
  rensheClerk: string;
  town: GeneratedLedger;
  coordPane: OpenPane;
}

/** Registers the routing session in `host`; returns its context, filled in by the time the tests run. */
export function routingFlow(host: PaneHost): RoutingContext {
  const ctx = {} as RoutingContext;
  /** Screenshots of WPS get their own names beside Excel's. */
  const shot = host === "excel" ? "" : `${host}-`;

  beforeAll(async () => {
    ensureAddinBuilt();
    [ctx.worker, ctx.browser, ctx.town] = await Promise.all([startWorker(), launchBrowser(), generatedLedger({ unit: TULING, prefix: "TL", count: 6, seed: 3 })]);
    ctx.pane = await startPaneServer(ctx.worker.url);
    ctx.pane.addSeed("intake", { sheets: [{ name: SHEET, values: INTAKE }] });
    ctx.pane.addSeed("tuling", ctx.town.seed);
    ctx.pane.addSeed("places", { sheets: [{ name: "村居表", values: PLACES }] });
    await addUnit(ctx.worker.url, CENTRE, "centre");
    await addUnit(ctx.worker.url, TULING);
    await addUnit(ctx.worker.url, NANPU);
    await addUnit(ctx.worker.url, RENSHE, "department");
    ctx.coordinator = (await createToken(ctx.worker.url, "coordinator")).token;
    ctx.clerk = (await createToken(ctx.worker.url, "clerk", TULING)).token;
    ctx.rensheClerk = (await createToken(ctx.worker.url, "clerk", RENSHE)).token;
  }, 240_000);

  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.pane?.close();
    await ctx.worker?.cleanup();
  });

  async function connect(page: Page, token: string, tabName: string): Promise<void> {
    await page.locator("fluent-text-input input").fill(token);
    await button(page, "连接").click();
    await page.locator("fluent-tab", { hasText: tabName }).waitFor();
    await openTab(page, tabName);
  }

  /** A picture of part of a sheet as the double holds it (values and fills), for a person to look at. */
  async function sheetPicture(page: Page, sheet: string, lastColumn: number, lastRow: number, name: string): Promise<string> {
    const cells = await workbook(page, (x, a) => {
      const out: { v: unknown; fill: string | null; bold: boolean }[][] = [];
      for (let r = 1; r <= a.lastRow; r++) {
        const line: { v: unknown; fill: string | null; bold: boolean }[] = [];
        for (let c = 0; c <= a.lastColumn; c++) {
          let letters = "";
          for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
          const addr = `${letters}${r}`;
          const f = x.format(a.sheet, addr);
          line.push({ v: x.values(a.sheet, addr)[0][0], fill: f.fill ?? null, bold: f.bold === true });
        }
        out.push(line);
      }
      return out;
    }, { sheet, lastColumn, lastRow });
    const esc = (s: unknown) => String(s ?? "").replace(/[&<>]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[ch]!);
    const head = `<tr><th></th>${Array.from({ length: lastColumn + 1 }, (_, c) => `<th>${columnLetter(c)}</th>`).join("")}</tr>`;
    const body = cells.map((line, r) => `<tr><th>${r + 1}</th>${line.map((c) =>
      `<td style="${c.fill ? `background:${c.fill};` : ""}${c.bold ? "font-weight:bold;" : ""}">${esc(c.v)}</td>`).join("")}</tr>`).join("");
    const view = await ctx.browser.newPage({ viewport: { width: 1800, height: 400 } });
    try {
      await view.setContent(`<style>body{font:12px sans-serif;margin:8px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px;max-width:260px;vertical-align:top}th{background:#f3f3f3;color:#555;font-weight:normal}</style><p>${esc(sheet)}</p><table>${head}${body}</table>`);
      const file = screenshotPath(name);
      await view.screenshot({ path: file, fullPage: true });
      return file;
    } finally {
      await view.close();
    }
  }

  describe(`routing, transfer and receipt in the task pane${host === "wps" ? " in WPS 表格" : ""}`, () => {
    it("分流 writes suggestions right of the intake sheet, the unrouted row highlighted, the coordinator's cells untouched", SLOW, async () => {
      ctx.coordPane = await openPane(ctx.browser, ctx.pane, { seed: "intake", host });
      const { page } = ctx.coordPane;
      const S = "routing";
      await step(ctx.coordPane, S, "connect as the coordinator and open 分流", () => connect(page, ctx.coordinator, "分流"));
      const syncsBefore = host === "excel" ? await excel(page, (x) => x.syncCount()) : 0;
      await step(ctx.coordPane, S, "run 分流 and read the summary", async () => {
        await button(page, "分流").click();
        await waitForNote(page, `4 行待分流：3 行已给出建议，1 行需协调员指定（黄色）；1 行已有承办单位，未改动。建议写在第 ${col(0)}–${col(2)} 列。`);
        await waitForNote(page, "需指定承办单位的行：5。");
        await waitForNote(page, "分流规则：领域");
      });
      await screenshot(page, shot + "routing-01-suggested");
      await step(ctx.coordPane, S, "the three columns sit right of the used range with the suggestions; the sheet itself is as it was", async () => {
        expect(await workbook(page, (x, a) => x.values("收案登记", a), `${col(0)}2:${col(2)}2`)).toEqual([["建议承办单位", "协办单位", "分流依据"]]);
        expect(await workbook(page, (x, a) => x.values("收案登记", a), `${col(0)}3:${col(1)}7`)).toEqual([
          [RENSHE, TULING], [TULING, ""], ["", ""], ["", ""], [NANPU, ""],
        ]);
        const basis = await workbook(page, (x, a) => x.values("收案登记", a), `${col(2)}3:${col(2)}7`);
        expect(String(basis[0][0])).toMatch(/^纠纷领域：/);
        expect(String(basis[1][0])).toMatch(/^被申请人：/);
        expect(String(basis[2][0])).toMatch(/^待协调员指定：.*请协调员指定承办单位。$/);
        expect((await workbook(page, (x, a) => x.format("收案登记", a), `${col(0)}5`)).fill).toBe(UNROUTED_FILL);
        const original = await workbook(page, (x, a) => x.values("收案登记", a), `A1:${columnLetter(WIDTH - 1)}7`);
        expect(original).toEqual(INTAKE.map((r) => r.map((v) => v ?? "")));
        if (host === "excel") {
          // Excel: one read sync and one write sync for the whole sheet.
          const syncs = await excel(page, (x, since) => x.syncs(since), syncsBefore);
          expect(syncs.map((s) => s.kind)).toEqual(["read", "write"]);
        }
      });
      await sheetPicture(page, SHEET, WIDTH + 3, 7, shot + "routing-02-sheet-with-suggestions");
    });

    it("confirm: the selected row first, then all rows with a lead typed by hand; the receipt and 转交结果 show each outcome", SLOW, async () => {
      const { page } = ctx.coordPane;
      const S = "confirm";
      await step(ctx.coordPane, S, "select row 4 (ZX-102) and confirm the selection", async () => {
        await workbook(page, (x) => x.select("收案登记", "B4:D4"));
        await button(page, "确认转交选中行").click();
        await waitForNote(page, "已转交 1，未变（此前已同样转交）0，退回 0。");
        expect(await workbook(page, (x, a) => x.values("收案登记", a), `${col(3)}2:${col(3)}4`)).toEqual([["转交结果"], [""], [expect.stringMatching(/^✓ 已转交 涂岭镇（/)]]);
      });
      await step(ctx.coordPane, S, "type 涂岭镇 as the lead of the unrouted row, then confirm all rows; the first answer is lost on the way back", async () => {
        await workbook(page, (x, a) => x.setCell("收案登记", a, "涂岭镇"), `${col(0)}5`);
        const keys: string[] = [];
        ctx.pane.fault = (req) => {
          if (req.method !== "POST" || !req.url?.startsWith("/api/transfers")) return "pass";
          keys.push(String(req.headers["idempotency-key"]));
          return keys.length === 1 ? "drop-after-response" : "pass";
        };
        try {
          await button(page, "确认转交全部行").click();
          await waitForNote(page, "已转交 3，未变（此前已同样转交）1，退回 0。");
        } finally {
          ctx.pane.fault = null;
        }
        // The Worker stored the first delivery; the pane asked again under the same key and got that receipt back.
        expect(keys).toHaveLength(2);
        expect(keys[1]).toBe(keys[0]);
      });
      await screenshot(page, shot + "routing-03-confirm-receipt");
      await sheetPicture(page, SHEET, WIDTH + 3, 7, shot + "routing-04-sheet-with-outcomes");
      await step(ctx.coordPane, S, "the outcomes are in 转交结果 and each case waits for its lead unit, once", async () => {
        const outcomes = (await workbook(page, (x, a) => x.values("收案登记", a), `${col(3)}3:${col(3)}7`)).map((r) => String(r[0]));
        expect(outcomes[0]).toMatch(/^✓ 已转交 区人社局（协办 涂岭镇）/);
        expect(outcomes[1]).toMatch(/^✓ 已转交 涂岭镇（此前已转交，未重复）/);
        expect(outcomes[2]).toMatch(/^✓ 已转交 涂岭镇（/);
        expect(outcomes[3]).toBe("");
        expect(outcomes[4]).toMatch(/^✓ 已转交 南埔镇（/);
        const incoming = await api<Incoming>(ctx.worker.url, ctx.clerk, "/api/transfers/incoming");
        expect(incoming.cases.map((c) => [c.caseNo, c.from, c.lead, c.receivedAt])).toEqual([["ZX-102", CENTRE, TULING, null], ["ZX-103", CENTRE, TULING, null]]);
        const renshe = await api<Incoming>(ctx.worker.url, ctx.rensheClerk, "/api/transfers/incoming");
        expect(renshe.cases.map((c) => [c.caseNo, c.lead, c.assist])).toEqual([["ZX-101", RENSHE, TULING]]);
        // The centre's own copy is closed: the case counts for the unit that receives it.
        expect(await allCases(ctx.worker.url, ctx.coordinator, CENTRE)).toEqual([]);
        const zx103 = incoming.cases.find((c) => c.caseNo === "ZX-103")!;
        expect(zx103.basis).toBeNull();
        expect(zx103.reason).toBe("协调员指定：涂岭镇承办");
      });
      await step(ctx.coordPane, S, "no Content-Security-Policy rule was broken", () => assertNoCspViolations(page));
    });

    it("the town clerk sees 转入案件 and 签收 appends them once at the bottom of the ledger, even clicked twice", SLOW, async () => {
      const p = await openPane(ctx.browser, ctx.pane, { seed: "tuling", host });
      const { page } = p;
      const S = "receive";
      const ledger = ctx.town.seed.sheets[0];
      const lastRow = ledger.values.length;
      const caseNoCol = STANDARD_COLUMNS.findIndex((c) => c.key === "caseNo");
      try {
        await step(p, S, "connect as the 涂岭镇 clerk and open 转入案件", async () => {
          await connect(page, ctx.clerk, "转入案件");
          await page.locator("table.incoming tbody tr", { hasText: "ZX-102" }).waitFor();
          await page.locator("table.incoming tbody tr", { hasText: "ZX-103" }).waitFor();
          expect(await page.locator("table.incoming tbody tr").count()).toBe(2);
          await page.getByText("共 2 件，待签收 2 件。").waitFor();
        });
        await screenshot(page, shot + "routing-05-incoming");
        await step(p, S, "click 签收 twice in a row", async () => {
          await page.locator("fluent-button", { hasText: "签收并追加到台账" }).evaluate((el) => {
            (el as HTMLElement).click();
            (el as HTMLElement).click();
          });
          await waitForNote(page, `已把 2 个案件追加到“${ledger.name}”第 ${lastRow + 1}–${lastRow + 2} 行，并已签收。`);
          await page.getByText("共 2 件，待签收 0 件。").waitFor();
          // The town's ledger has no 纠纷发生地 column: the clerk is told which values to type in.
          await waitForNote(page, "台账没有“纠纷发生地”列，这些内容未写入：ZX-102 纠纷发生地“涂岭镇”；ZX-103 纠纷发生地“外地”。");
        });
        await screenshot(page, shot + "routing-06-received");
        await step(p, S, "the two cases are at the bottom of the ledger once each, in the clerk's columns; nothing above changed", async () => {
          const width = ledger.values.reduce((m, r) => Math.max(m, r.length), 0);
          const all = await workbook(page, (x, a) => x.values(a.sheet, a.range), { sheet: ledger.name, range: `A1:${columnLetter(width - 1)}${lastRow + 3}` });
          expect(all.slice(0, lastRow)).toEqual(ledger.values.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")));
          expect(all.map((r) => r[caseNoCol]).filter((v) => String(v).startsWith("ZX-"))).toEqual(["ZX-102", "ZX-103"]);
          const at = (k: string) => STANDARD_COLUMNS.findIndex((c) => c.key === k);
          expect(all[lastRow][at("respondent")]).toBe("涂岭镇人民政府");
          expect(all[lastRow][at("unit")]).toBe(TULING);
          // The received rows carry on the ledger's 序号 (its highest, then one more each).
          const highest = Math.max(...all.slice(0, lastRow).map((r) => Number(r[at("seq")])).filter(Number.isInteger));
          expect([all[lastRow][at("seq")], all[lastRow + 1][at("seq")]]).toEqual([highest + 1, highest + 2]);
          expect(all[lastRow + 2].every((v) => v === "")).toBe(true);
          const incoming = await api<Incoming>(ctx.worker.url, ctx.clerk, "/api/transfers/incoming");
          expect(incoming.cases.every((c) => c.receivedAt !== null)).toBe(true);
        });
        await step(p, S, "with nothing left to receive the button stays disabled", async () => {
          expect(await page.locator("fluent-button", { hasText: "签收并追加到台账" }).getAttribute("disabled")).not.toBeNull();
        });
        await sheetPicture(page, ledger.name, 12, lastRow + 2, shot + "routing-07-clerk-ledger-after-receipt");
        await step(p, S, "the clerk's next push stores the received cases under 涂岭镇, read back from the appended rows", async () => {
          await openTab(page, "上报");
          await button(page, "上报全部案件行").click();
          await waitForNote(page, /新增 \d+，更新 \d+，未变 \d+，退回 \d+。/);
          const cases = await allCases(ctx.worker.url, ctx.coordinator, TULING);
          const zx = cases.filter((c) => c.caseNo.startsWith("ZX-"));
          expect(zx.map((c) => [c.caseNo, c.data.respondent, c.data.receivedOn])).toEqual([
            ["ZX-102", "涂岭镇人民政府", received], ["ZX-103", "区市场监督管理局", received],
          ]);
        });
        await step(p, S, "no Content-Security-Policy rule was broken", () => assertNoCspViolations(page));
      } finally {
        await p.context.close();
      }
    });

    it("pushes the place sheet from the 分流 page: a bad row is marked and nothing stored, the fixed sheet becomes the rules in force", SLOW, async () => {
      const p = await openPane(ctx.browser, ctx.pane, { seed: "places", host });
      const { page } = p;
      const S = "routing-rules";
      try {
        await step(p, S, "connect as the coordinator and open 分流", () => connect(page, ctx.coordinator, "分流"));
        await step(p, S, "a sheet naming an unknown town is refused whole, the cell marked, the reason listed", async () => {
          await button(page, "推送当前工作表为分流规则").click();
          await waitForNote(page, "村居表未保存：有 1 处错误（已在表中标出），现行规则不变。改正后再推送。");
          await page.getByText(/第 4 行 B 列：.*不存在镇/).waitFor();
          // A mark (conditional format), never a value or fill written into the coordinator's cells.
          expect(await workbook(page, (x) => x.conditionalFill("村居表", "B4"))).toBe("#FFC7CE");
          const rules = await api<{ places: { version: number | null; villages: unknown[] } }>(ctx.worker.url, ctx.coordinator, "/api/routing/rules");
          expect(rules.places).toMatchObject({ version: null, villages: [] });
        });
        await screenshot(page, shot + "routing-08-rule-sheet-refused");
        await step(p, S, "fixed, it is stored as version 1 and routing reads its villages; the mark is gone", async () => {
          await workbook(page, (x) => x.setCell("村居表", "B4", "涂岭镇"));
          await button(page, "推送当前工作表为分流规则").click();
          await waitForNote(page, "村居表已保存为第 1 版：3 行，3 条规则；上一版已保留。");
          expect(await workbook(page, (x) => x.conditionalFill("村居表", "B4")) ?? null).toBeNull();
          const rules = await api<{ places: { version: number | null; villages: { name: string; town: string }[] } }>(ctx.worker.url, ctx.coordinator, "/api/routing/rules");
          expect(rules.places.version).toBe(1);
          expect(rules.places.villages).toEqual(expect.arrayContaining([{ name: "樟脚村", town: TULING }, { name: "前亭村", town: NANPU }]));
        });
        await screenshot(page, shot + "routing-09-rule-sheet-stored");
        await step(p, S, "pushed again unchanged, no new version", async () => {
          await button(page, "推送当前工作表为分流规则").click();
          await waitForNote(page, "村居表未变化：与现行第 1 版相同（3 条规则）。");
        });
        await step(p, S, "no Content-Security-Policy rule was broken", () => assertNoCspViolations(page));
      } finally {
        await p.context.close();
      }
    });
  });
  return ctx;
}
