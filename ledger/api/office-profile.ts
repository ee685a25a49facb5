/**
 * The district office's letterhead for the forms it hands in (报表落款): 填报单位, 联系人, 联系电话. The coordinator
 * sets it once (PUT /api/office-profile); every role reads it (GET) and every report form prints it. Each field's
 * zh/en name, limit and example live here, once, so the Worker's check, the pane's form and `tiaojie office` say the
 * same thing, and the same codes (required, too_long, invalid_phone: the ledger's issue codes) name what is wrong.
 */
import { z } from "zod";
import { normalisePhone } from "../phone.ts";
import { cleanText } from "../text.ts";

/** What a report form prints: a plain object, "" where the office has not said (the form leaves that blank). */
export interface OfficeLetterhead {
  /** 填报单位, e.g. 某某区司法局. */
  filingUnit: string;
  /** 联系人. */
  contact: string;
  /** 联系电话, normalised as the ledger's phone cells are (0571-12345678, 13812345678). */
  phone: string;
}

export type OfficeProfileField = keyof OfficeLetterhead;
export const OFFICE_PROFILE_FIELDS = ["filingUnit", "contact", "phone"] as const satisfies readonly OfficeProfileField[];

export interface OfficeFieldInfo {
  zh: string;
  en: string;
  /** The most characters the field keeps (a phone: after normalisation). */
  max: number;
  example: string;
}

export const OFFICE_FIELD_INFO: Record<OfficeProfileField, OfficeFieldInfo> = {
  filingUnit: { zh: "填报单位", en: "Filing unit", max: 40, example: "某某区司法局" },
  contact: { zh: "联系人", en: "Contact person", max: 20, example: "张三" },
  phone: { zh: "联系电话", en: "Contact phone", max: 40, example: "0571-12345678" },
};

/** The letterhead of an office that never set one: every form leaves the three blanks to fill by hand. */
export const EMPTY_LETTERHEAD: OfficeLetterhead = Object.freeze({ filingUnit: "", contact: "", phone: "" });

/** Stable codes of what can be wrong with a field (the ledger's issue codes of the same meaning). */
export type OfficeIssueCode = "required" | "too_long" | "invalid_phone";

export interface OfficeIssue {
  field: OfficeProfileField;
  code: OfficeIssueCode;
  zh: string;
  en: string;
}

export type OfficeReading = { ok: true; value: OfficeLetterhead } | { ok: false; issues: OfficeIssue[] };

function issue(field: OfficeProfileField, code: OfficeIssueCode, typed: string, length = 0): OfficeIssue {
  const f = OFFICE_FIELD_INFO[field];
  switch (code) {
    case "required":
      return { field, code, zh: `${f.zh}不能为空，请填写，如“${f.example}”。`, en: `${f.en} is empty; fill it in, e.g. "${f.example}".` };
    case "too_long":
      return {
        field, code,
        zh: `${f.zh}有 ${length} 个字，超过上限 ${f.max} 字，请精简。`,
        en: `${f.en} has ${length} characters, more than the ${f.max} allowed; shorten it.`,
      };
    case "invalid_phone":
      return {
        field, code,
        zh: `${f.zh}“${typed}”不像手机号（11位，1开头）或带区号的固话（如 ${f.example}），请核对。`,
        en: `${f.en} "${typed}" is neither a mobile number (11 digits starting with 1) nor a landline with its area code (e.g. ${f.example}).`,
      };
  }
}

/** Characters as a person counts them (a 𠀀 outside the BMP is one). */
const charCount = (s: string) => [...s].length;

/**
 * One field as typed: spaces, full-width letters and invisible characters cleaned as ledger cells are; the phone
 * normalised (（0571）12345678 → 0571-12345678). A refusal carries the code and both languages' words.
 */
export function readOfficeField(field: OfficeProfileField, typed: unknown): { ok: true; value: string } | { ok: false; issue: OfficeIssue } {
  const raw = typeof typed === "string" ? typed : cleanText(typed);
  const text = cleanText(raw);
  if (text === "") return { ok: false, issue: issue(field, "required", raw) };
  let value = text;
  if (field === "phone") {
    const phone = normalisePhone(text);
    if (!phone.ok || phone.value === null) return { ok: false, issue: issue(field, "invalid_phone", text) };
    value = phone.value;
  }
  const length = charCount(value);
  if (length > OFFICE_FIELD_INFO[field].max) return { ok: false, issue: issue(field, "too_long", text, length) };
  return { ok: true, value };
}

/** The three fields as typed (pane form, CLI options, a request body): the letterhead, or every field's issue. */
export function readOfficeProfile(typed: Partial<Record<OfficeProfileField, unknown>>): OfficeReading {
  const value: Partial<OfficeLetterhead> = {};
  const issues: OfficeIssue[] = [];
  for (const field of OFFICE_PROFILE_FIELDS) {
    const r = readOfficeField(field, typed[field] ?? "");
    if (r.ok) value[field] = r.value;
    else issues.push(r.issue);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: value as OfficeLetterhead };
}

/** A field of the request body: any text up to 1,000 characters on the wire, then read as readOfficeField reads it. */
function bodyField(field: OfficeProfileField) {
  const f = OFFICE_FIELD_INFO[field];
  const rule = field === "phone"
    ? `a mobile or a landline with its area code, normalised (（0571）12345678 → 0571-12345678), at most ${f.max} characters`
    : `cleaned of stray spaces, 1–${f.max} characters`;
  return z.string().max(1000, `${f.zh}过长 ${f.en} is too long`)
    .transform((typed, ctx) => {
      const r = readOfficeField(field, typed);
      if (r.ok) return r.value;
      // "中文 English", as every message of the API; `params.code` keeps the stable code for a client that wants it.
      ctx.addIssue({ code: "custom", message: `${r.issue.zh} ${r.issue.en}`, input: typed, params: { code: r.issue.code } });
      return z.NEVER;
    })
    .meta({ description: `${f.zh} ${f.en}: ${rule}`, example: f.example });
}

/** PUT /api/office-profile. `baseVersion`: the version the editor started from; a newer one stored meanwhile → 409. */
export const OfficeProfileBodySchema = z.object({
  filingUnit: bodyField("filingUnit"),
  contact: bodyField("contact"),
  phone: bodyField("phone"),
  baseVersion: z.number().int().min(0).optional(),
}).strict();
export type OfficeProfileBody = z.input<typeof OfficeProfileBodySchema>;

/** GET and PUT /api/office-profile answer this. */
export const OfficeProfileSchema = z.object({
  /** 0 = never set: the three fields are "" and every form leaves them blank. */
  version: z.number().int().min(0),
  filingUnit: z.string().meta({ example: "某某区司法局" }),
  contact: z.string().meta({ example: "张三" }),
  phone: z.string().meta({ example: "0571-12345678" }),
  /** When the current version was saved; null for version 0. */
  updatedAt: z.string().nullable(),
  /** Who saved it (null for version 0, or when it was saved with the ADMIN_TOKEN secret, which has no token id). */
  updatedBy: z.object({ tokenId: z.number().int(), label: z.string().nullable() }).nullable(),
});
export type OfficeProfile = z.infer<typeof OfficeProfileSchema>;

/** Just what a form prints, from what the API answered. */
export function letterheadOf(p: OfficeLetterhead): OfficeLetterhead {
  return { filingUnit: p.filingUnit, contact: p.contact, phone: p.phone };
}
