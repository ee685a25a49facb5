import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { listOfficeProfileVersions } from "../../worker/db/office-profile.ts";
import { ADMIN_TOKEN, call, json, makeWorld, resetDb, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await env.DB.prepare("DELETE FROM office_profile").run();
  await resetDb();
  w = await makeWorld();
});

const get = async (token: string) => {
  const res = await call("GET", "/api/office-profile", { token });
  return { status: res.status, body: await json(res) };
};
const put = async (token: string, body: unknown) => {
  const res = await call("PUT", "/api/office-profile", { token, body });
  return { status: res.status, body: await json(res) };
};
const LETTERHEAD = { filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678" };

describe("reading the office's letterhead (报表落款)", () => {
  it("answers version 0 with empty fields before anyone set it, so a form leaves the blanks to fill by hand", async () => {
    const r = await get(w.clerkA);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: 0, filingUnit: "", contact: "", phone: "", updatedAt: null, updatedBy: null });
  });

  it("lets every role read it: clerk, coordinator, assessor, court liaison and admin", async () => {
    await put(w.coordinator, LETTERHEAD);
    for (const token of [w.clerkA, w.clerkB, w.coordinator, w.assessor, w.court, w.admin, ADMIN_TOKEN]) {
      const r = await get(token);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ version: 1, ...LETTERHEAD });
    }
    expect((await call("GET", "/api/office-profile")).status).toBe(401);
  });
});

describe("setting it", () => {
  it("stores the coordinator's letterhead cleaned, with the phone normalised, and says who saved it and when", async () => {
    const r = await put(w.coordinator, { filingUnit: "  某某区司法局\u200b ", contact: "张 三", phone: "（０５７１）１２３４５６７８", baseVersion: 0 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 1, filingUnit: "某某区司法局", contact: "张 三", phone: "0571-12345678", updatedBy: { tokenId: w.tokenIds.coordinator } });
    expect(r.body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await get(w.court)).body).toEqual(r.body);
  });

  it("keeps the previous version when it is changed, and saving the same three fields again adds no version", async () => {
    await put(w.coordinator, LETTERHEAD);
    const second = await put(w.coordinator, { ...LETTERHEAD, contact: "李四", phone: "13812345678", baseVersion: 1 });
    expect(second.body).toMatchObject({ version: 2, contact: "李四", phone: "13812345678" });
    const again = await put(w.coordinator, { ...LETTERHEAD, contact: "李四", phone: "138 1234 5678", baseVersion: 2 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);

    const versions = await listOfficeProfileVersions(env.DB);
    expect(versions.map((v) => [v.version, v.contact, v.phone, v.updatedBy?.tokenId])).toEqual([
      [2, "李四", "13812345678", w.tokenIds.coordinator],
      [1, "张三", "0571-12345678", w.tokenIds.coordinator],
    ]);
    expect((await get(w.clerkA)).body).toMatchObject({ version: 2, contact: "李四" });
  });

  it("refuses a clerk, an assessor and the court liaison with 403 in the one error shape, and stores nothing", async () => {
    for (const token of [w.clerkA, w.assessor, w.court]) {
      const r = await put(token, LETTERHEAD);
      expect(r.status).toBe(403);
      expect(Object.keys(r.body)).toEqual(["error"]);
      expect(r.body.error.code).toBe("forbidden");
      expect(r.body.error.message).toContain("无权使用此功能");
    }
    expect(await listOfficeProfileVersions(env.DB)).toEqual([]);
  });

  it("lets the admin fill it in too (setting up the district before the first coordinator)", async () => {
    const byToken = await put(w.admin, LETTERHEAD);
    expect(byToken.body).toMatchObject({ version: 1, updatedBy: { tokenId: w.tokenIds.admin } });
    // The ADMIN_TOKEN secret has no token row: who saved it is not known.
    const bySecret = await put(ADMIN_TOKEN, { ...LETTERHEAD, contact: "王五" });
    expect(bySecret.body).toMatchObject({ version: 2, contact: "王五", updatedBy: null });
  });

  it("refuses a phone that is no phone with a clear Chinese message naming the field, and keeps what was there", async () => {
    await put(w.coordinator, LETTERHEAD);
    const r = await put(w.coordinator, { ...LETTERHEAD, contact: "李四", phone: "12345678" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.message).toContain("phone: 联系电话“12345678”不像手机号（11位，1开头）或带区号的固话（如 0571-12345678），请核对。");
    expect(r.body.error.details.issues).toEqual([{ path: "phone", code: "invalid_phone", message: expect.stringContaining("联系电话") }]);
    expect((await get(w.clerkA)).body).toMatchObject({ version: 1, ...LETTERHEAD });
    expect(await listOfficeProfileVersions(env.DB)).toHaveLength(1);
  });

  it("refuses an empty or over-long field and an unknown key, naming each with its code", async () => {
    const r = await put(w.coordinator, { filingUnit: "   ", contact: "张".repeat(21), phone: "" });
    expect(r.status).toBe(422);
    expect(r.body.error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ["filingUnit", "required"], ["contact", "too_long"], ["phone", "required"],
    ]);
    expect(r.body.error.message).toContain("填报单位不能为空，请填写，如“某某区司法局”。");
    const extra = await put(w.coordinator, { ...LETTERHEAD, seal: "公章" });
    expect(extra.status).toBe(422);
    expect(await listOfficeProfileVersions(env.DB)).toEqual([]);
  });

  it("refuses a save made from an older version with 409, keeping the one saved meanwhile", async () => {
    await put(w.coordinator, { ...LETTERHEAD, baseVersion: 0 });
    const late = await put(w.admin, { ...LETTERHEAD, contact: "李四", baseVersion: 0 });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: "conflict", message: expect.stringContaining("请重新读取") });
    expect((await get(w.coordinator)).body).toMatchObject({ version: 1, contact: "张三" });
  });
});
