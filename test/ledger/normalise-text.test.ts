import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cleanText, toHalfWidth } from "../../ledger/text.ts";
import { normaliseText } from "../../ledger/normalise/text.ts";

describe("toHalfWidth", () => {
  it.each([
    ["２０２６", "2026"],
    ["ＡＢＣｘｙｚ", "ABCxyz"],
    ["法院委派（诉前）", "法院委派(诉前)"],
    ["１２，０００．５０", "12,000.50"],
    ["甲\u3000乙", "甲 乙"],
    ["！～", "!~"],
  ])("narrows full-width ASCII in %s to %s", (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it("keeps Chinese characters and Chinese punctuation such as 、。— as they are", () => {
    expect(toHalfWidth("张三、李四。——调解")).toBe("张三、李四。——调解");
  });

  it("hands back the very same string when there is nothing to narrow", () => {
    const s = "区人社局 2026";
    expect(toHalfWidth(s)).toBe(s);
  });
});

describe("cleanText", () => {
  it.each([
    ["  张三  ", "张三"],
    ["张\n三", "张 三"],
    ["张\r\n\t三", "张 三"],
    ["区人社局\u3000\u3000劳动监察大队", "区人社局 劳动监察大队"],
    ["a\u00a0\u00a0b", "a b"],
    ["张\u200b三\ufeff", "张三"],
    ["\u200b \u200b", ""],
    ["ＡＢＣ－１２３", "ABC-123"],
    ["   ", ""],
    ["", ""],
    ["already clean text", "already clean text"],
  ])("cleans %j to %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    [null, ""],
    [undefined, ""],
    [true, "是"],
    [false, "否"],
    [42, "42"],
    [3.5, "3.5"],
    [-0.25, "-0.25"],
    [350503199001011000, "350503199001011000"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [-2.5e22, "-25000000000000000000000"],
  ])("writes the cell value %s as %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it("writes a date cell (UTC midnight, as exceljs gives it) as its day", () => {
    expect(cleanText(new Date(Date.UTC(2026, 4, 26)))).toBe("2026-05-26");
    expect(cleanText(new Date(Date.UTC(2026, 4, 26, 10, 30)))).toBe("2026-05-26 10:30:00");
  });

  it("reads exceljs rich text, hyperlink and formula cells as their shown text", () => {
    expect(cleanText({ richText: [{ text: "区人社局" }, { text: "\n劳动监察" }] })).toBe("区人社局 劳动监察");
    expect(cleanText({ text: " 链接 ", hyperlink: "https://example.org" })).toBe("链接");
    expect(cleanText({ formula: "A1", result: 7 })).toBe("7");
  });
});

describe("normaliseText", () => {
  it.each([null, undefined, "", "  ", "\u3000\n", "\u200b"])("reads the empty cell %j as null", (input) => {
    expect(normaliseText(input)).toEqual({ ok: true, value: null });
  });

  it.each([
    [" 申请人要求撤销\n处罚决定 ", "申请人要求撤销 处罚决定"],
    ["ＡＢＣ公司", "ABC公司"],
    [123, "123"],
    [true, "是"],
  ])("keeps the text of %j as %j", (input, expected) => {
    expect(normaliseText(input)).toEqual({ ok: true, value: expected });
  });
});

describe("cleanText against its rule applied one character at a time", () => {
  // The rule, spelt out slowly: drop invisible and control characters, collapse whitespace runs to one space
  // (none at either end), narrow full-width ASCII.
  const invisible = (c: number) => (c >= 0x200b && c <= 0x200f) || c === 0xfeff || c === 0x2060 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  const space = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x85;
  function slowly(s: string): string {
    const out: string[] = [];
    let pending = false;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      const hi = c >= 0xd800 && c <= 0xdbff, lo = c >= 0xdc00 && c <= 0xdfff;
      if (hi && !(s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff)) continue;
      if (lo && !(s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) continue;
      if (invisible(c)) continue;
      if (space(c)) {
        pending = out.length > 0;
        continue;
      }
      if (c < 0x20 || c === 0x7f) continue;
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      if (pending) out.push(" ");
      pending = false;
      out.push(String.fromCharCode(c));
    }
    return out.join("");
  }

  it("gives the same text as the rule for any mix of the characters it treats specially", () => {
    const unit = fc.constantFrom(..."a1 调解，：（）\t\n\u3000\u00a0\u200b\u202e\ufeff\u0007\u007f\ud83d\ude00\ud800ＡＢ");
    fc.assert(fc.property(fc.string({ unit, maxLength: 24 }), (s) => cleanText(s) === slowly(s)), { numRuns: 5000 });
  });
});
