// The coordinator's 时限与预警设置 in real Chromium against the real Worker: a value out of range refused in the
// pane (nothing sent), a changed due-soon threshold and stage limit saved as a new version, and GET /api/flags then
// marking the case that only the new threshold makes due soon; the office's 报表落款 refused with a bad phone, then
// saved. The assessment office sees the same page read-only.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../ledger/period.ts";
import { todayInChina } from "../../ledger/clock.ts";
import {
  addUnit, api, createToken, openPane, screenshot, startPaneSession, step, stopPaneSession,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { sampleSeed } from "./fixtures.ts";
import { button, openTab, waitForNote } from "./pane-ui.ts";

const SLOW = { timeout: 120_000 };
const UNIT = "山腰街道";
let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let coordinator: string;
let assessor: string;

beforeAll(async () => {
  ({ worker, pane, browser } = await startPaneSession({ nanpu: sampleSeed("nanpu-2026-with-errors.xlsx") }));
  await addUnit(worker.url, UNIT);
  coordinator = (await createToken(worker.url, "coordinator")).token;
  assessor = (await createToken(worker.url, "assessor")).token;
  // An open 诉前 case with 8 of its 30 days left: not due soon under the default 5 days.
  const receivedOn = addDays(todayInChina(), -22);
  await api(worker.url, coordinator, "/api/pushes/e2e-limits/chunks", {
    method: "POST",
    headers: { "Idempotency-Key": "e2e-limits-c0" },
    body: {
      unit: UNIT, chunkIndex: 0, chunkCount: 1,
      rows: [{ row: 3, values: { caseNo: "SY-8LEFT", receivedOn, unit: UNIT, source: "当事人申请", domain: "劳动人事争议", stage: "诉前", mediationType: "行政调解", applicant: "张三", respondent: "区人社局", accepted: "是", mediator: "李四", status: "调解中" } }],
    },
  });
}, 180_000);

afterAll(() => stopPaneSession({ worker, pane, browser }));

async function connect(p: OpenPane, token: string, connectedText: string): Promise<void> {
  await p.page.locator("fluent-text-input input").fill(token);
  await button(p.page, "连接").click();
  await waitForNote(p.page, connectedText).catch(async () => {
    await openTab(p.page, "连接");
    await waitForNote(p.page, connectedText);
  });
}

type FlagsBody = { flags: { code: string; caseNo: string | null }[] };
const dueSoon = async () => (await api<FlagsBody>(worker.url, coordinator, "/api/flags?scope=case")).flags.filter((f) => f.code === "due_soon").map((f) => f.caseNo);

describe("the coordinator's 时限与预警设置", () => {
  it("refuses a value out of range in the pane, saves changed limits as a new version, and the flags follow them", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "nanpu" });
    const { page } = p;
    const S = "limits";
    try {
      await step(p, S, "connect as the coordinator and open 时限设置: the defaults, never changed", async () => {
        await connect(p, coordinator, "已连接：全部单位（协调员）");
        await openTab(page, "时限设置");
        await page.getByText("尚未修改，使用系统默认值。").waitFor();
        expect(await page.locator("[id='limit-stage.诉前']").inputValue()).toBe("30");
        expect(await page.locator("[id='limit-flags.minLedgerQuality']").inputValue()).toBe("90");
        expect(await dueSoon()).toEqual([]);
      });
      await screenshot(page, "40-limits-defaults");

      await step(p, S, "a due-soon threshold of 400 days is refused in the pane and nothing is sent", async () => {
        await page.locator("[id='limit-flags.dueSoonDays']").fill("４００");
        await button(page, "保存时限与预警设置").click();
        await waitForNote(page, "临近到期提醒（剩余天数）：“４００”无效，请填写 1–365 的整数，如 30。");
        expect(await page.locator("[id='limit-flags.dueSoonDays']").getAttribute("class")).toContain("invalid");
        expect((await api<{ version: number }>(worker.url, coordinator, "/api/settings/limits")).version).toBe(0);
      });
      await screenshot(page, "41-limits-refused");

      await step(p, S, "10 days due soon and 执行 45 days are saved as version 1, and the 8-days-left case is now due soon", async () => {
        await page.locator("[id='limit-flags.dueSoonDays']").fill("１０天");
        await page.locator("[id='limit-stage.执行']").fill("45");
        await button(page, "保存时限与预警设置").click();
        await waitForNote(page, "已保存为第 1 版。");
        await page.getByText(/当前为第 1 版，.*保存/).waitFor();
        const stored = await api<{ version: number; current: { flags: { dueSoonDays: number }; timeLimits: { byStage: Record<string, number> } } }>(worker.url, coordinator, "/api/settings/limits");
        expect(stored).toMatchObject({ version: 1, current: { flags: { dueSoonDays: 10 }, timeLimits: { byStage: { 执行: 45, 诉前: 30, 行政复议: 60 } } } });
        expect(await dueSoon()).toEqual(["SY-8LEFT"]);
      });
      await screenshot(page, "42-limits-saved");

      await step(p, S, "报表落款 with a phone that is no phone is refused in the pane; fixed, it is saved as version 1 with the phone normalised", async () => {
        await page.getByText("尚未设置：报表落款处留空，可手写。").waitFor();
        await page.locator("#office-filingUnit").fill("某某区司法局");
        await page.locator("#office-contact").fill("张三");
        await page.locator("#office-phone").fill("8712345");
        await button(page, "保存报表落款").click();
        await waitForNote(page, "联系电话“8712345”不像手机号（11位，1开头）或带区号的固话（如 0571-12345678），请核对。");
        expect(await page.locator("#office-phone").getAttribute("class")).toContain("invalid");
        expect((await api<{ version: number }>(worker.url, coordinator, "/api/office-profile")).version).toBe(0);
        await page.locator("#office-phone").fill("（0571）12345678");
        await button(page, "保存报表落款").click();
        await waitForNote(page, "报表落款已保存为第 1 版");
        expect(await page.locator("#office-phone").inputValue()).toBe("0571-12345678");
        await page.getByText(/落款为第 1 版，.*保存/).waitFor();
        expect(await api(worker.url, coordinator, "/api/office-profile")).toMatchObject({ version: 1, filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678" });
      });
      await screenshot(page, "44-office-profile-saved");
    } finally {
      await p.context.close();
    }
  });

  it("shows the assessment office the same settings read-only", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "nanpu" });
    const { page } = p;
    try {
      await step(p, "limits-assessor", "connect as the assessment office and open 时限设置", async () => {
        await connect(p, assessor, "已连接：全部单位（考评办）");
        await openTab(page, "时限设置");
        await page.getByText("时限与预警设置由区调解中心（协调员）修改，此处只读。").waitFor();
        await page.getByText(/当前为第 1 版/).waitFor();
        expect(await page.locator("[id='limit-flags.dueSoonDays']").inputValue()).toBe("10");
        expect(await page.locator("[id='limit-flags.dueSoonDays']").isDisabled()).toBe(true);
        expect(await button(page, "保存时限与预警设置").count()).toBe(0);
        await page.getByText("报表落款由区调解中心（协调员）设置，此处只读。").waitFor();
        expect(await page.locator("#office-filingUnit").inputValue()).toBe("某某区司法局");
        expect(await page.locator("#office-phone").isDisabled()).toBe(true);
        expect(await button(page, "保存报表落款").count()).toBe(0);
      });
      await screenshot(page, "43-limits-read-only");
    } finally {
      await p.context.close();
    }
  });
});
