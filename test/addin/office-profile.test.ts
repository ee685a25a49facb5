import { describe, expect, it } from "vitest";
import { checkOfficeForm, typedFromProfile } from "../../addin/pane/logic/office-profile-form.ts";
import { createOfficeProfileCache } from "../../addin/pane/logic/office-profile-cache.ts";
import { letterheadOf, type OfficeProfile } from "../../ledger/api/office-profile.ts";

const SAVED: OfficeProfile = {
  version: 2, filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678", updatedAt: "2026-11-27T14:05:00.000Z", updatedBy: { tokenId: 4, label: "区调解中心" },
};

describe("the 报表落款 form a coordinator fills in the pane", () => {
  it("shows the stored letterhead in its three inputs and reads it back unchanged", () => {
    const typed = typedFromProfile(SAVED);
    expect(typed).toEqual({ filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678" });
    expect(checkOfficeForm(typed, "zh-CN")).toEqual({ ok: true, letterhead: letterheadOf(SAVED) });
  });

  it("cleans what was typed and writes the phone the way the ledger does", () => {
    expect(checkOfficeForm({ filingUnit: "　某某区司法局 ", contact: " 李四", phone: "１３８ １２３４ ５６７８" }, "zh-CN"))
      .toEqual({ ok: true, letterhead: { filingUnit: "某某区司法局", contact: "李四", phone: "13812345678" } });
  });

  it("marks every wrong field and says what is wrong with each in the pane's language", () => {
    const typed = { filingUnit: "", contact: "张三", phone: "8712345" };
    expect(checkOfficeForm(typed, "zh-CN")).toEqual({
      ok: false, fields: ["filingUnit", "phone"],
      message: "填报单位不能为空，请填写，如“某某区司法局”。联系电话“8712345”不像手机号（11位，1开头）或带区号的固话（如 0571-12345678），请核对。",
    });
    expect(checkOfficeForm(typed, "en")).toMatchObject({
      ok: false, message: 'Filing unit is empty; fill it in, e.g. "某某区司法局". Contact phone "8712345" is neither a mobile number (11 digits starting with 1) nor a landline with its area code (e.g. 0571-12345678).',
    });
  });

  it("refuses a filing unit longer than a form's line holds, counting characters as a person does", () => {
    const r = checkOfficeForm({ filingUnit: "某".repeat(41), contact: "张三", phone: "13812345678" }, "zh-CN");
    expect(r).toEqual({ ok: false, fields: ["filingUnit"], message: "填报单位有 41 个字，超过上限 40 字，请精简。" });
    expect(checkOfficeForm({ filingUnit: "某".repeat(40), contact: "张三", phone: "13812345678" }, "zh-CN").ok).toBe(true);
  });
});

describe("the letterhead the pane's reports read", () => {
  const reader = () => {
    let calls = 0;
    let fail = false;
    const fetch = async () => {
      calls++;
      if (fail) throw new Error("offline");
      return SAVED;
    };
    return { fetch, calls: () => calls, failNext: (v: boolean) => (fail = v) };
  };

  it("asks the Worker once per token however many reports ask, and afresh for another token", async () => {
    const cache = createOfficeProfileCache();
    const r = reader();
    const [a, b] = await Promise.all([cache.read("tj_a", r.fetch), cache.read("tj_a", r.fetch)]);
    expect(await cache.read("tj_a", r.fetch)).toBe(a);
    expect(b).toBe(a);
    expect(r.calls()).toBe(1);
    await cache.read("tj_b", r.fetch);
    expect(r.calls()).toBe(2);
  });

  it("asks again after a read that failed, instead of keeping the failure for the session", async () => {
    const cache = createOfficeProfileCache();
    const r = reader();
    r.failNext(true);
    await expect(cache.read("tj_a", r.fetch)).rejects.toThrow("offline");
    r.failNext(false);
    expect(await cache.read("tj_a", r.fetch)).toEqual(SAVED);
    expect(r.calls()).toBe(2);
  });

  it("gives later reads what the coordinator just saved, without asking the Worker", async () => {
    const cache = createOfficeProfileCache();
    const r = reader();
    await cache.read("tj_a", r.fetch);
    const newer = { ...SAVED, version: 3, contact: "李四" };
    cache.remember("tj_a", newer);
    expect(await cache.read("tj_a", r.fetch)).toEqual(newer);
    expect(r.calls()).toBe(1);
  });

  it("hands a form just the three fields it prints", () => {
    expect(letterheadOf(SAVED)).toEqual({ filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678" });
  });
});
