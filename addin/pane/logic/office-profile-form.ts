/**
 * The 报表落款 form (coordinator): the office's letterhead as typed, checked field by field before anything is sent,
 * with the same checks and words the Worker uses (ledger/api/office-profile.ts).
 */
import { OFFICE_PROFILE_FIELDS, readOfficeProfile, type OfficeLetterhead, type OfficeProfileField } from "../../../ledger/api/office-profile.ts";
import type { Locale } from "../../../ledger/messages.ts";

export type OfficeFormCheck =
  | { ok: true; letterhead: OfficeLetterhead }
  | { ok: false; fields: OfficeProfileField[]; message: string };

/** What was typed in the three inputs: the letterhead to save, or the fields to mark and what to say (in the pane's language). */
export function checkOfficeForm(typed: Record<OfficeProfileField, string>, locale: Locale): OfficeFormCheck {
  const r = readOfficeProfile(typed);
  if (r.ok) return { ok: true, letterhead: r.value };
  return { ok: false, fields: r.issues.map((i) => i.field), message: r.issues.map((i) => (locale === "en" ? i.en : i.zh)).join(locale === "en" ? " " : "") };
}

/** The text each input shows for a stored letterhead. */
export function typedFromProfile(p: OfficeLetterhead): Record<OfficeProfileField, string> {
  return Object.fromEntries(OFFICE_PROFILE_FIELDS.map((f) => [f, p[f]])) as Record<OfficeProfileField, string>;
}
