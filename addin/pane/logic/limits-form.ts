/**
 * The 时限与预警设置 form (coordinator): what was typed, checked field by field before anything is sent, with the
 * same ranges the Worker enforces (ledger/api/limits.ts). Thresholds of a share are typed as percentages.
 */
import { LIMIT_FIELDS, LimitSettingsSchema, fieldText, readField, withField, type LimitSettings } from "../../../ledger/api/limits.ts";
import type { Locale } from "../../../ledger/messages.ts";

export type LimitsCheck = { ok: true; settings: LimitSettings } | { ok: false; field: string; message: string };

/** The text of each field for `settings`, keyed by field id (`stage.诉前`, `flags.dueSoonDays` …). */
export function typedFrom(settings: LimitSettings): Record<string, string> {
  return Object.fromEntries(LIMIT_FIELDS.map((f) => [f.id, fieldText(settings, f)]));
}

/** `typed` holds each field's text by id; `base` gives the shape (the settings read from the Worker). */
export function checkLimits(typed: Record<string, string>, base: LimitSettings, locale: Locale): LimitsCheck {
  const en = locale === "en";
  let settings = structuredClone(base);
  for (const f of LIMIT_FIELDS) {
    const r = readField(f, typed[f.id] ?? "");
    if (!r.ok) return { ok: false, field: f.id, message: en ? r.message.en : r.message.zh };
    settings = withField(settings, f, r.value);
  }
  const whole = LimitSettingsSchema.safeParse(settings);
  if (!whole.success) {
    const issue = whole.error.issues[0];
    const path = issue.path.map(String);
    const field = path[0] === "flags" ? `flags.${path[1]}` : "";
    // The schema's messages are "中文 English"; show the half the pane speaks.
    const [zh, ...rest] = issue.message.split(/ (?=[A-Z])/);
    return { ok: false, field, message: en && rest.length > 0 ? rest.join(" ") : zh };
  }
  return { ok: true, settings: whole.data };
}

/** The fields whose value differs from the defaults (the form marks them). */
export function changedFromDefaults(settings: LimitSettings, defaults: LimitSettings): Set<string> {
  return new Set(LIMIT_FIELDS.filter((f) => fieldText(settings, f) !== fieldText(defaults, f)).map((f) => f.id));
}

/** "2026-11-27T14:05:00.000Z" as the China-time minute a person reads: "2026-11-27 22:05". */
export function chinaMinute(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
