/**
 * Dates as official documents (公文) write them: 二〇二六年三月五日, 二〇二六年十月二十五日, 二〇二六年十二月三十一日.
 * The year is spelt digit by digit, month and day as numbers with 十. Clerks type the zero as 〇, ○ or 零, and in
 * the year often as 0 or the letter O ("二O二六"); all of them are read.
 */

/** The value of each Chinese digit; the zeros are every character clerks use for 〇. */
const DIGITS = new Map<number, number>([
  [0x3007, 0], // 〇
  [0x25cb, 0], // ○ (white circle, what most input methods give for "ling")
  [0x96f6, 0], // 零
  [0x4e00, 1], // 一
  [0x4e8c, 2], // 二
  [0x4e09, 3], // 三
  [0x56db, 4], // 四
  [0x4e94, 5], // 五
  [0x516d, 6], // 六
  [0x4e03, 7], // 七
  [0x516b, 8], // 八
  [0x4e5d, 9], // 九
]);
const TEN = 0x5341; // 十

/** Zeros that count only inside a Chinese-numeral year ("二0二六", "二O二六"): on their own they are not numerals. */
function isLatinZero(c: number): boolean {
  return c === 0x30 || c === 0x4f || c === 0x6f; // 0 O o
}

function isChineseNumeral(c: number): boolean {
  return c === TEN || DIGITS.has(c);
}

/** True when the text has a Chinese numeral anywhere: only then is the 公文 reading tried. */
export function hasChineseNumeral(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Every Chinese numeral is at or above 〇 (U+3007) except ○ (U+25CB); ASCII text leaves at once.
    if (c >= 0x25cb && isChineseNumeral(c)) return true;
  }
  return false;
}

/**
 * One run of numerals as Arabic digits, or null when it is not a number a date can hold:
 * 五 → 5, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31; four digits without 十 are a year, digit by digit
 * (二〇二六 → 2026). Anything else (二六, 〇五, 一百) is refused, not guessed.
 */
function runValue(run: string): string | null {
  const ten = run.indexOf("十");
  if (ten >= 0) {
    // At most one digit before 十 and one after it.
    if (ten > 1 || run.length - ten > 2) return null;
    const tensDigit = ten === 0 ? 1 : ten === 1 ? DIGITS.get(run.charCodeAt(0)) : undefined;
    const unitDigit = ten === run.length - 1 ? 0 : DIGITS.get(run.charCodeAt(ten + 1));
    if (tensDigit === undefined || tensDigit === 0 || unitDigit === undefined || (ten < run.length - 1 && unitDigit === 0)) {
      return null;
    }
    return String(tensDigit * 10 + unitDigit);
  }
  if (run.length === 1) {
    const d = DIGITS.get(run.charCodeAt(0));
    return d === undefined || d === 0 ? null : String(d);
  }
  if (run.length !== 4) return null;
  let year = "";
  for (let i = 0; i < 4; i++) {
    const c = run.charCodeAt(i);
    const d = isLatinZero(c) ? 0 : DIGITS.get(c);
    if (d === undefined) return null;
    year += d;
  }
  return year;
}

/**
 * The text with its Chinese numerals written as Arabic digits ("二〇二六年十月二十五日" → "2026年10月25日"), for the
 * ordinary date rules to read; null when a run of numerals is not a year, month or day. Arabic parts stay as they
 * are, so mixed forms ("2026年五月二十六日") read too.
 */
export function withArabicNumerals(s: string): string | null {
  let out = "";
  let i = 0;
  while (i < s.length) {
    if (!isChineseNumeral(s.charCodeAt(i))) {
      out += s[i++];
      continue;
    }
    let j = i + 1;
    while (j < s.length && (isChineseNumeral(s.charCodeAt(j)) || isLatinZero(s.charCodeAt(j)))) j++;
    const value = runValue(s.slice(i, j));
    if (value === null) return null;
    out += value;
    i = j;
  }
  return out;
}
