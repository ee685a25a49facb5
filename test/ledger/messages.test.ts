import { describe, expect, it } from "vitest";
import { issueMessage, pickLocale } from "../../ledger/messages.ts";

describe("pickLocale", () => {
  it.each([
    ["en", "en"], ["en-US", "en"], ["EN-gb", "en"], ["en_US.UTF-8", "en"],
    ["zh-CN", "zh-CN"], ["zh_CN.UTF-8", "zh-CN"], ["eng", "zh-CN"], ["C.UTF-8", "zh-CN"], ["", "zh-CN"], [undefined, "zh-CN"],
  ])("reads %s as %s: English when the language is English, Chinese otherwise", (language, locale) => {
    expect(pickLocale(language)).toBe(locale);
  });
});

describe("the duplicate case number message", () => {
  it("names the earlier row, or an earlier chunk of the push when the row is not in this one", () => {
    expect(issueMessage("duplicate_case_no", { header: "案件编号", value: "SY-1", firstRow: 4 })).toContain("与第4行重复");
    expect(issueMessage("duplicate_case_no", { header: "案件编号", value: "SY-1" })).toContain("与本次推送的前一块重复");
    expect(issueMessage("duplicate_case_no", { header: "Case no.", value: "SY-1" }, "en")).toContain("repeats an earlier chunk of this push");
  });
});
