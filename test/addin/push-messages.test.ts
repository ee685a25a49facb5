// What the Push page says after a push (addin/pane/logic/push-messages.ts), and the line each page opens with: the
// bar's colour matches the outcome, a stopped push keeps its progress and names the button that resumes it.
import { describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../../ledger/api/client.ts";
import { planPush, runPush, summarise, type PushSummary } from "../../ledger/api/push-engine.ts";
import type { Receipt } from "../../ledger/api/push.ts";
import type { SheetRow } from "../../ledger/api/push-rows.ts";
import { t } from "../../addin/pane/i18n.ts";
import { activeSheetText } from "../../addin/pane/logic/active-sheet.ts";
import { pushDoneNote, pushStoppedNotes } from "../../addin/pane/logic/push-messages.ts";

const LOCALES = ["zh-CN", "en"] as const;

function summary(counts: Partial<PushSummary>): PushSummary {
  return { ...summarise([]), inserted: 0, updated: 0, unchanged: 0, rejected: 0, complete: true, ...counts };
}

const rows = (n: number): SheetRow[] => Array.from({ length: n }, (_, i) => ({ row: i + 3, values: { caseNo: `NP-${i}` } }));

/** A server that stores the first `landing` chunks and then cannot be reached. */
function serverGoneAfter(landing: number): ApiClient {
  return {
    pushChunk: async (pushId: string, _key: string, bytes: Uint8Array) => {
      const body = JSON.parse(new TextDecoder().decode(bytes)) as { chunkIndex: number; chunkCount: number; rows: SheetRow[] };
      if (body.chunkIndex >= landing) throw new ApiError("offline", "fetch failed");
      const receipt: Receipt = {
        pushId, chunkIndex: body.chunkIndex, chunkCount: body.chunkCount, unit: "南埔镇", wholeLedger: true, receivedAt: "2026-11-25T12:00:00.000Z",
        counts: { inserted: body.rows.length, updated: 0, unchanged: 0, rejected: 0 }, issues: [], rejectedRows: [], complete: false,
        notInLedger: null, marking: null, restored: 0, flags: [], assignments: [],
      };
      return receipt;
    },
  } as unknown as ApiClient;
}

const errorText = (e: unknown) => (e instanceof ApiError && e.kind === "offline" ? "连不上服务器。" : String(e));

describe("the bar after a push", () => {
  it("is a warning, not a success, when rows were refused, and points at the 校验结果 column the pane wrote", () => {
    const note = pushDoneNote(summary({ inserted: 40, rejected: 11 }), "zh-CN", { wroteBack: true });
    expect(note.intent).toBe("warning");
    expect(note.text).toBe("新增 40，更新 0，未变 0，退回 11。退回的 11 行没有入库：原因已写在台账右侧的“校验结果”列（以“✗ 未入库”开头）。改正后再点“上报全部案件行”。");
    const en = pushDoneNote(summary({ inserted: 40, rejected: 11 }), "en", { wroteBack: true });
    expect(en.intent).toBe("warning");
    expect(en.text).toContain("The 11 rejected rows were not stored: the reason is in the 校验结果 column");
  });

  it("is green only when every row was stored", () => {
    for (const locale of LOCALES) {
      expect(pushDoneNote(summary({ inserted: 3, updated: 2, unchanged: 5 }), locale, { wroteBack: true }).intent).toBe("success");
    }
  });

  it("does not send the clerk to a 校验结果 column that could not be written", () => {
    const note = pushDoneNote(summary({ inserted: 40, rejected: 11 }), "zh-CN", { wroteBack: false });
    expect(note).toEqual({ intent: "warning", text: "新增 40，更新 0，未变 0，退回 11。" });
  });
});

describe("a push that stopped", () => {
  it("keeps how many rows and chunks landed, and says 继续上报 resumes while 上报全部案件行 starts over", async () => {
    const plan = planPush(rows(250), { pushId: "p", locale: "zh-CN", maxRows: 90 });
    const outcome = await runPush(serverGoneAfter(1), plan, { retryDelays: [] });
    expect(outcome.status).toBe("failed");
    const notes = pushStoppedNotes(plan, outcome, "zh-CN", errorText);
    expect(notes).toEqual([
      { intent: "error", text: "上报中断：连不上服务器。" },
      {
        intent: "info",
        text: "已上报 90 / 250 行（1 / 3 批），这部分已保存在服务器上。点“继续上报”从中断处接着上报其余 160 行（已上报的不会重复写入）；点“上报全部案件行”则重新读取当前工作表，从第一行起全部重报。",
      },
    ]);
  });

  it("says the same after a cancel, as a warning, in English too", async () => {
    const plan = planPush(rows(250), { pushId: "p", locale: "en", maxRows: 90 });
    const controller = new AbortController();
    controller.abort();
    const outcome = await runPush(serverGoneAfter(3), plan, { signal: controller.signal, receipts: [undefined, undefined, undefined] });
    expect(outcome.status).toBe("cancelled");
    const [why, progress] = pushStoppedNotes(plan, outcome, "en", errorText);
    expect(why).toEqual({ intent: "warning", text: "Push cancelled." });
    expect(progress.text).toMatch(/^0 of 250 rows pushed \(0 of 3 chunks\).*Resume push sends the other 250 rows.*Push all case rows reads the active sheet again/);
  });

  it("names the buttons by the words they carry, in both languages", () => {
    for (const locale of LOCALES) {
      const hint = t(locale, "push.resumeHint", { left: 1 });
      expect(hint).toContain(t(locale, "push.resume"));
      expect(hint).toContain(t(locale, "push.run"));
    }
  });
});

describe("the line each page opens with", () => {
  it("names the active sheet the button will read, and the button to click first", () => {
    const sheet = activeSheetText("zh-CN", "南埔镇台账");
    expect(t("zh-CN", "validate.first", { sheet })).toMatch(/^将校验当前工作表“南埔镇台账”.*先点“校验当前工作表”/);
    expect(t("zh-CN", "columns.first", { sheet })).toMatch(/^将读取当前工作表“南埔镇台账”的表头。先点“读取表头”/);
    expect(t("zh-CN", "push.first", { sheet })).toMatch(/^将上报当前工作表“南埔镇台账”的全部案件行.*“校验结果”列/);
    expect(t("en", "validate.first", { sheet: activeSheetText("en", "Ledger") })).toMatch(/^Validates the active sheet “Ledger”/);
  });

  it("tells which button to click by its own words, in both languages, with or without the sheet's name", () => {
    const buttons = { "validate.first": "validate.run", "columns.first": "columns.read", "push.first": "push.run" } as const;
    for (const locale of LOCALES) {
      for (const [line, button] of Object.entries(buttons)) {
        for (const name of ["南埔镇台账", null]) {
          const text = t(locale, line as keyof typeof buttons, { sheet: activeSheetText(locale, name) });
          expect(text, `${locale} ${line}`).toContain(t(locale, button));
          expect(text).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });
});
