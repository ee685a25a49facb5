/**
 * How a person is written where 区法院 reads (court cases, the joint-meeting digest): as court documents print a
 * party, surname + 某, and with no ID number, credit code or phone number left in free text. Pure; the Worker applies
 * it before a response leaves — a client is never trusted to mask.
 *
 * - `maskName(cell)`: a name cell as typed. 张三 → 张某; a compound surname stays whole (欧阳娜娜娜娜 → 欧阳某). A name
 *   whose surname cannot be told — one with a middle dot (阿卜杜·热合曼), Latin letters or digits (Zhang Wei) — is 某.
 *   A cell with brackets is masked whole, every person in it 某, keeping only the role words a clerk needs to read it
 *   (李四（代理人王五） → 某（代理人某）): which part of a bracketed cell is the surname is a guess, and a wrong guess
 *   prints a given name. Several people (张三、李四 / 张三等5人) are masked one by one. An organisation's name
 *   (…有限公司, …局, …村委会) stays as written, as court documents name legal persons in full.
 * - `maskFreeText(text, names)`: the people of the row (`names`: its name cells) wherever they appear — the full name,
 *   the given name alone, each part of a dotted or Latin name — and every ID number (18-digit resident ID, valid or
 *   not; the old 15-digit one; longer digit runs such as bank cards), unified social credit code and phone number
 *   (mobile with or without separators, +86 or 0086; landline with its area code, in brackets or not, with an
 *   extension; a local number right after 电话/手机/座机), in half- or full-width characters. Other people's names in
 *   the text cannot be told from words and are not masked.
 */
import { toHalfWidth } from "./text.ts";

export const MASK = "某";
/** No person's name is longer (阿卜杜热合曼·买买提艾力·吐尔逊 is 16); a longer piece is masked, not searched for. */
const MAX_NAME = 40;
/** What an ID number or a unified social credit code becomes in free text. */
export const ID_MASK = "［证件号码］";
/** What a phone number becomes in free text. */
export const PHONE_MASK = "［电话号码］";

/** 复姓 of the 百家姓 and those met in ledgers: kept whole before 某 (欧阳某, not 欧某). */
const COMPOUND_SURNAMES = [
  "欧阳", "太史", "端木", "上官", "司马", "东方", "独孤", "南宫", "万俟", "闻人", "夏侯", "诸葛", "尉迟", "公羊", "赫连",
  "澹台", "皇甫", "宗政", "濮阳", "公冶", "太叔", "申屠", "公孙", "慕容", "仲孙", "钟离", "长孙", "宇文", "司徒", "鲜于",
  "司空", "闾丘", "子车", "亓官", "司寇", "巫马", "公西", "颛孙", "壤驷", "公良", "漆雕", "乐正", "宰父", "谷梁", "拓跋",
  "夹谷", "轩辕", "令狐", "段干", "百里", "呼延", "东郭", "南门", "羊舌", "微生", "公户", "公玉", "公仪", "梁丘", "公仲",
  "公上", "公门", "公山", "公坚", "左丘", "公伯", "西门", "公祖", "第五", "公乘", "贯丘", "公皙", "南荣", "东里", "东宫",
  "仲长", "子书", "子桑", "即墨", "达奚", "褚师",
];

/**
 * Words an organisation's name ends with, with at least two characters before them (泉港石化有限公司, 樟脚村村委会): one
 * character before 中心 or 学院 may be a surname (王中心).
 */
const ORGANISATION_WORDS = [
  "公司", "集团", "政府", "委员会", "村委会", "居委会", "管委会", "协会", "商会", "工会", "学会", "基金会", "联合会", "中心", "银行",
  "支行", "分行", "信用社", "合作社", "事务所", "派出所", "司法所", "学校", "小学", "中学", "大学", "学院", "幼儿园", "医院", "卫生院",
  "分局", "大队", "中队", "支队", "办事处", "管理处", "管理站", "街道", "社区", "小组", "村民组", "超市", "商行", "商店", "酒店", "饭店",
  "宾馆", "工作室", "经营部", "门市部", "工厂", "农场", "林场", "渔场", "加油站", "侨联", "妇联", "残联", "文联", "科协", "团委",
  "法院", "检察院", "人民法院", "研究所", "设计院", "出版社", "旅行社", "报社", "物业", "车行",
];
/** Organisation words that end no given name: one character before them is enough (区侨联, 区法院). */
const SHORT_ORGANISATION_WORDS = ["侨联", "妇联", "残联", "文联", "科协", "团委", "法院", "派出所", "司法所", "检察院"];
/**
 * Single characters an organisation's name ends with. Several also end given names (建社, 秀会), so they count only on
 * a name of four characters or more — and 局, 厂 and 村, which end no given name in practice, from three (樟脚村).
 */
const ORGANISATION_ENDINGS_4 = new Set([..."局厂村所院站队联会社组部处办委馆场行园镇乡司店校"]);
const ORGANISATION_ENDINGS_3 = new Set([..."局厂村"]);

/**
 * Role words a clerk writes before a person in a name cell; they are kept, the person after them is masked. None is
 * a surname followed by a given name's first character (代表 is left out: 代 is a surname).
 */
const ROLE_WORDS = [
  "委托代理人", "诉讼代理人", "法定代理人", "特别授权代理人", "代理人", "法定代表人", "负责人", "监护人", "代表人", "经办人",
  "联系人", "委托人", "共同申请人", "申请人", "被申请人", "第三人", "律师", "户主", "配偶", "之妻", "之夫", "之子", "之女", "之父", "之母",
].sort((a, b) => b.length - a.length);

/** "等5人", "等十二户", "等": how a cell says there are more people than it names. */
const AND_OTHERS = /等(?:[0-9零一二三四五六七八九十百千两几多]+(?:人|户|名|位|家))?$/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const HAS_HAN = /\p{Script=Han}/u;
const BRACKET_CHARS = "()（）[\\]［］【】〔〕{}｛｝<>《》〈〉";
const BRACKETS = new RegExp(`[${BRACKET_CHARS}]`, "u");
/** Between two people of one cell; the capture keeps the separator in a split. */
const SEPARATORS = /([、,，;；/／|\n])/u;
const SPACES = /\s+/gu;
/** The dots between the parts of a name (阿卜杜·热合曼), in the widths clerks type them. */
const DOT_CHARS = "·•・‧.\\-";

/** A name that is an organisation's: it ends in a word for one (派出所, 区侨联, 泉港石化有限公司). */
export function isOrganisation(name: string): boolean {
  const s = name.replace(SPACES, "");
  if (s.length < 3) return false;
  if (ORGANISATION_WORDS.some((w) => s.length >= w.length + 2 && s.endsWith(w))) return true;
  if (SHORT_ORGANISATION_WORDS.some((w) => s.length > w.length && s.endsWith(w))) return true;
  const last = s[s.length - 1];
  if (ORGANISATION_ENDINGS_3.has(last)) return true;
  return s.length >= 4 && ORGANISATION_ENDINGS_4.has(last) && !(s.length === 4 && startsWithCompoundSurname(s));
}

/** A compound surname with a given name after it (欧阳 alone may be 欧 + 阳). */
function startsWithCompoundSurname(s: string): boolean {
  return s.length > 2 && COMPOUND_SURNAMES.some((c) => s.startsWith(c));
}

/** The surname of a Han name: a compound one from the list, else its first character. */
function surnameOf(han: string): string {
  return startsWithCompoundSurname(han) ? han.slice(0, 2) : han.slice(0, 1);
}

/** One person (or organisation) of a name cell, and what it becomes. */
interface Piece {
  /** the piece as the court reads it: role word, masked person, 等N人 */
  masked: string;
  /** the name itself, spaces and role word removed; null for an organisation or a role word alone */
  person: string | null;
  /** what the person alone becomes */
  alone: string;
}

function maskPiece(raw: string, whole: boolean): Piece {
  // 张  三 is one name; Zhang Wei keeps its space, so that Wei alone can be found in free text.
  const compact = raw.replace(SPACES, "");
  let s = HAN_ONLY.test(compact) ? compact : raw.trim().replace(SPACES, " ");
  if (ROLE_WORDS.includes(s)) return { masked: s, person: null, alone: "" };
  let role = "";
  const r = ROLE_WORDS.find((w) => s.startsWith(w));
  if (r) {
    role = r;
    s = s.slice(r.length).replace(/^[:：]/, "");
  }
  let more = "";
  const m = AND_OTHERS.exec(s);
  if (m && m.index > 0) {
    more = m[0];
    s = s.slice(0, m.index);
  }
  if (s === "" || isOrganisation(s)) return { masked: role + s + more, person: null, alone: "" };
  // Longer than any person's name: masked, and not searched for in free text (a hostile cell would cost the square).
  if ([...s].length > MAX_NAME) return { masked: role + MASK + more, person: null, alone: "" };
  // A Han name of one character, or one in a bracketed cell, has no surname we can trust.
  const alone = HAN_ONLY.test(s) && [...s].length > 1 && !whole ? `${surnameOf(s)}${MASK}` : MASK;
  return { masked: role + alone + more, person: s, alone };
}

/** The pieces of a name cell in order, with the brackets and separators between them. */
function pieces(name: string): (Piece | string)[] {
  const whole = BRACKETS.test(name);
  const parts: (Piece | string)[] = [];
  // Balanced brackets alternate outside / inside; an unclosed one is closed at the end.
  name.split(BRACKETS).forEach((segment, i) => {
    const inside = i % 2 === 1;
    const start = parts.length;
    for (const bit of segment.split(SEPARATORS)) {
      if (bit.length === 1 && SEPARATORS.test(bit)) parts.push(bit);
      else if (bit.trim() !== "") parts.push(maskPiece(bit, whole));
    }
    if (inside && parts.length > start) {
      parts.splice(start, 0, "（");
      parts.push("）");
    }
  });
  return parts;
}

/**
 * A name cell as the court reads it: each person surname + 某 (a compound surname whole), or 某 when the surname
 * cannot be told; organisations and role words as written. Masking a masked name changes nothing.
 */
export function maskName(name: string): string;
export function maskName(name: string | null): string | null;
export function maskName(name: string | null): string | null {
  if (name === null || name.trim() === "") return name;
  // Not one Chinese character (Zhang Wei, John Smith (agent)): no surname to tell, no organisation word.
  if (!HAS_HAN.test(name)) return MASK;
  return pieces(name).map((p) => (typeof p === "string" ? p : p.masked)).join("");
}

/**
 * Text to search with the same length as the original, so that a match's place in it is its place in the original:
 * full-width ASCII narrowed, dashes to '-', × (typed for the X of an ID) to X, other spaces to ' '.
 */
function comparable(text: string): string {
  return toHalfWidth(text)
    .replace(/[‐‑‒–—―−﹣]/g, "-")
    .replace(/×/g, "X")
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f]/g, " ");
}

/** Area codes as China assigns them (as ledger/phone.ts): 010 and 02x, else 0 and three digits. */
const AREA = "0(?:[12]\\d|[3-9]\\d{2})";
/** A person's numbers; where two match the same characters, the longer (then the earlier listed) wins. */
const NUMBER_PATTERNS: readonly { re: RegExp; mask: string }[] = [
  // 18-digit resident ID, check digit right or not, possibly grouped 6-8-4
  { re: /(?<!\d)\d{6}[ -]?\d{8}[ -]?\d{3}[\dX](?![\dA-Z])/gi, mask: ID_MASK },
  // unified social credit code: 2 characters, the 6 digits of the administrative area, 10 characters
  { re: /(?<![0-9A-Z])[0-9A-Z]{2}\d{6}[0-9A-Z]{10}(?![0-9A-Z])/gi, mask: ID_MASK },
  // old 15-digit ID, and any longer digit run (bank cards: 16–19)
  { re: /(?<!\d)\d{15,19}(?!\d)/g, mask: ID_MASK },
  // mobile: 1[3-9] and 9 digits, a space or dash anywhere between them, +86 / 0086 / 86 before it
  { re: /(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d)/g, mask: PHONE_MASK },
  // landline with its area code, (0595) or 0595-, and an extension
  {
    re: new RegExp(
      `(?<!\\d)(?:(?:\\+|00)?86[ -]?)?(?:\\(${AREA}\\) ?|${AREA}[ -]?)[2-9]\\d{2,3}[ -]?\\d{4}(?:[ -]*(?:转|ext\\.?|x|#)[ -]*\\d{1,6})?(?!\\d)`,
      "gi",
    ),
    mask: PHONE_MASK,
  },
  // a local number without its area code, right after the word for a phone
  { re: /(?<=(?:电话|手机|座机|固话|号码|联系方式|tel|phone)[:：]?\s*(?:是|为)?\s*)[2-9]\d{2,3}[ -]?\d{4}(?!\d)/gi, mask: PHONE_MASK },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LATIN_LETTER = /[A-Za-z]/;
const DOT = new RegExp(`[${DOT_CHARS}]`);
const DOTS_AND_SPACES = new RegExp(`[${DOT_CHARS}\\s]+`);

/** Every way the people of the row may be written in free text: a pattern each, with what it becomes. */
function nameVariants(names: readonly (string | null | undefined)[]): { pattern: string; mask: string; length: number }[] {
  const out: { pattern: string; mask: string; length: number }[] = [];
  const add = (text: string, mask: string) => {
    // One character alone is a word more often than a name.
    if ([...text].length < 2) return;
    // Between the characters of a name a clerk may put spaces (张 三), or a dot of another width.
    let pattern = [...text].map((ch) => (DOT.test(ch) ? `[${DOT_CHARS}\\s]*` : escapeRe(ch))).join("\\s*");
    if (LATIN_LETTER.test(text[0])) pattern = `(?<![A-Za-z])${pattern}`;
    if (LATIN_LETTER.test(text[text.length - 1])) pattern = `${pattern}(?![A-Za-z])`;
    out.push({ pattern, mask, length: text.length });
  };
  for (const name of names) {
    if (!name) continue;
    for (const p of pieces(comparable(name))) {
      if (typeof p === "string" || p.person === null) continue;
      add(p.person, p.alone);
      // The given name alone (娜娜娜娜), or each part of a dotted or Latin name (热合曼, Wei).
      if (HAN_ONLY.test(p.person)) add(p.person.slice(surnameOf(p.person).length), MASK);
      else for (const part of p.person.split(DOTS_AND_SPACES)) add(part, MASK);
    }
  }
  return out;
}

/**
 * Free text as the court reads it: the row's people (`names`: its name cells — applicant, mediator …) as maskName
 * writes them, their given names and name parts as 某, every ID number and credit code as ［证件号码］, every phone
 * number as ［电话号码］; everything else as typed.
 */
export function maskFreeText(text: string, names: readonly (string | null | undefined)[]): string;
export function maskFreeText(text: string | null, names: readonly (string | null | undefined)[]): string | null;
export function maskFreeText(text: string | null, names: readonly (string | null | undefined)[]): string | null {
  if (text === null || text === "") return text;
  const seen = comparable(text);
  const found: { start: number; end: number; mask: string }[] = [];
  for (const { re, mask } of NUMBER_PATTERNS) {
    for (const m of seen.matchAll(re)) found.push({ start: m.index, end: m.index + m[0].length, mask });
  }
  // The longest name first, so that 欧阳娜娜娜娜 is taken whole before its given name 娜娜娜娜.
  const variants = nameVariants(names).sort((a, b) => b.length - a.length);
  if (variants.length > 0) {
    const re = new RegExp(variants.map((v, i) => `(?<n${i}>${v.pattern})`).join("|"), "giu");
    for (const m of seen.matchAll(re)) {
      const group = Object.entries(m.groups!).find(([, v]) => v !== undefined)![0];
      found.push({ start: m.index, end: m.index + m[0].length, mask: variants[Number(group.slice(1))].mask });
    }
  }
  if (found.length === 0) return text;
  // Earliest first, the longer of two starting together; a match overlapping one already taken is dropped.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + f.mask;
    at = f.end;
  }
  return out + text.slice(at);
}
