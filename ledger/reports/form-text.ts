/**
 * How the forms a bureau files write periods, times and amounts: 2026年5月, 2026年第三季度, 2026年; Beijing time said
 * once; totals of a payment in capitals (大写) as 财务 practice asks. Pure, shared by every writer (CLI, pane, web).
 */
import { parsePeriod } from "../period.ts";

const QUARTER = ["一", "二", "三", "四"] as const;
const MONTH_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "2026-05" → 2026年5月, "2026-Q3" → 2026年第三季度, "2026" → 2026年 (English: May 2026, Q3 2026, 2026). */
export function periodText(label: string, locale: "zh-CN" | "en" = "zh-CN"): string {
  const p = parsePeriod(label);
  const y = p.start.slice(0, 4);
  const m = Number(p.start.slice(5, 7));
  if (p.kind === "year") return locale === "en" ? y : `${y}年`;
  if (p.kind === "quarter") return locale === "en" ? `Q${Math.ceil(m / 3)} ${y}` : `${y}年第${QUARTER[Math.ceil(m / 3) - 1]}季度`;
  return locale === "en" ? `${MONTH_EN[m - 1]} ${y}` : `${y}年${m}月`;
}

/** A span of periods: 2026年1月至2026年11月 (the same year said once: 2026年1月至11月). */
export function periodSpanText(from: string, to: string, locale: "zh-CN" | "en" = "zh-CN"): string {
  const a = periodText(from, locale);
  const b = periodText(to, locale);
  if (locale === "en") return `${a} to ${b}`;
  return a.slice(0, 5) === b.slice(0, 5) ? `${a}至${b.slice(5)}` : `${a}至${b}`;
}

/** "2026-12-07" → 2026年12月7日. */
export function dayText(day: string, locale: "zh-CN" | "en" = "zh-CN"): string {
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  return locale === "en" ? `${d} ${MONTH_EN[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

/**
 * An instant in Beijing time, the one time zone of every sheet: "2026-12-07T06:05:00Z" → 2026年12月7日 14:05.
 * China keeps no daylight saving, so a fixed +8 hours is exact.
 */
export function beijingTimeText(iso: string, locale: "zh-CN" | "en" = "zh-CN"): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${dayText(t.slice(0, 10), locale)} ${t.slice(11, 16)}`;
}

/** Said once on every sheet that shows a time. */
export const TIME_ZONE_NOTE = { zh: "时间均为北京时间。", en: "Times are Beijing time (UTC+8)." } as const;

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const SMALL_UNITS = ["", "拾", "佰", "仟"] as const;
const BIG_UNITS = ["", "万", "亿", "万亿"] as const;

/** One group of four digits (0–9999) in capitals, zeros inside read once ("壹仟零伍"). */
function groupCapitals(n: number): string {
  let out = "";
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      zero = out !== "";
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += DIGITS[d] + SMALL_UNITS[i];
  }
  return out;
}

/**
 * An amount of yuan in capitals as a payment document writes it (人民币大写): 100010.50 → 壹拾万零壹拾元伍角整,
 * 10 → 壹拾元整, 0.05 → 伍分, 1000000 → 壹佰万元整. Rounded to the fen.
 */
export function yuanInCapitals(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`amount ${amount}`);
  const fen = Math.round(amount * 100);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return "零元整";
  let whole = "";
  const groups: number[] = [];
  for (let y = yuan; y > 0; y = Math.floor(y / 10000)) groups.push(y % 10000);
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const n = groups[g];
    if (n === 0) {
      zeroPending = whole !== "";
      continue;
    }
    // A group under 1000 after a higher one reads a zero first (壹万零伍佰).
    if (whole !== "" && (zeroPending || n < 1000)) whole += "零";
    zeroPending = false;
    whole += groupCapitals(n) + BIG_UNITS[g];
  }
  let out = whole ? `${whole}元` : "";
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (whole) out += "零";
  // 到角为止的写“整”，到分为止的不写（《支付结算办法》）。
  return fenDigit > 0 ? `${out}${DIGITS[fenDigit]}分` : `${out}整`;
}
