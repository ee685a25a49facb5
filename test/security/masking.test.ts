import { describe, expect, it, vi } from "vitest";
import { ApiError, errorFromResponse } from "../../ledger/api/client.ts";
import { toCellText } from "../../addin/hosts/shared/cells.ts";
import { describeError } from "../../addin/pane/logic/errors.ts";
import { logEvent, maskSensitive } from "../../worker/log.ts";

describe("log masking (worker/log.ts)", () => {
  it("keeps the first six and last four characters of an ID number or credit code", () => {
    expect(maskSensitive("id 350505199001011239 and 35050519900101123X")).toBe("id 350505********1239 and 350505********123X");
    expect(maskSensitive("code 91350505MA2Y1234X5")).toBe("code 913505********34X5");
    expect(maskSensitive("old 350505900101123")).toBe("old 350505******123");
  });

  it("keeps the first three and last four digits of a phone number, mobile or landline", () => {
    expect(maskSensitive("call 13805951234, +86 138-0595-1234 or 0595-22345678")).toBe("call 138****1234, +86 138****1234 or 0595-****5678");
  });

  it("removes bearer tokens, tj_ tokens, Authorization values and named secrets entirely", () => {
    const out = maskSensitive('Authorization: Bearer tj_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG {"authorization":"s3cr3t-value"} plain-secret-xyz', ["plain-secret-xyz"]);
    expect(out).not.toMatch(/abcdefghij|s3cr3t|plain-secret/);
    expect(out).toContain("[redacted]");
    expect(out).toContain("[secret]");
  });

  it("leaves case numbers, dates, counts and hashes readable", () => {
    const text = "SY-2026-000123 2026-05-26T12:00:00.000Z rows=1000 " + "a".repeat(64) + " 1764072000000";
    expect(maskSensitive(text)).toBe(text);
  });

  it("writes one JSON line per event, masked, through console.error", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    logEvent("error", "unexpected_error", { error: new Error("row 350505199001011239 phone 13805951234") }, { secrets: ["tok-123456"] });
    const line = String(spy.mock.calls[0][0]);
    spy.mockRestore();
    expect(JSON.parse(line)).toMatchObject({ level: "error", event: "unexpected_error", error: { message: "row 350505********1239 phone 138****1234" } });
  });
});

describe("the add-in and a 429", () => {
  it("tells the clerk in plain words to wait, and retries after the server's Retry-After", () => {
    const err = errorFromResponse(429, { error: { code: "rate_limited", message: "此令牌请求过于频繁 Too many requests" } }, "60");
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 60, retryable: true });
    expect(describeError(err, "zh-CN")).toContain("请求过于频繁，请稍后再试");
    expect(describeError(err, "en")).toContain("Too many requests");
  });
});

describe("formula-injection text written back into the clerk's workbook", () => {
  it("is written as text, never as a formula", () => {
    for (const s of ['=HYPERLINK("http://evil.example","x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3"]) {
      expect(toCellText(s)).toBe(`'${s}`);
    }
    expect(toCellText("张三")).toBe("张三");
  });
});
