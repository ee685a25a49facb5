/** Connect page: the token lives in this computer's storage (never the workbook, which gets e-mailed around). */
import type { Locale } from "../../../ledger/messages.ts";
import type { Me, Role } from "../../../ledger/api/roles.ts";
import { t, type MessageKey } from "../i18n.ts";

const TOKEN_KEY = "tiaojie.token";
const UNIT_KEY = "tiaojie.unit";

export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function cleanToken(raw: string): string {
  return raw.replace(/\s+/g, "").replace(/^Bearer/i, "");
}

export function looksLikeToken(token: string): boolean {
  return /^tj_[A-Za-z0-9_-]{43}$/.test(token);
}

export function loadToken(store: KeyValueStore): string | null {
  const t = store.getItem(TOKEN_KEY);
  return t && looksLikeToken(t) ? t : null;
}

export function saveToken(store: KeyValueStore, token: string): void {
  store.setItem(TOKEN_KEY, token);
}

export function forgetToken(store: KeyValueStore): void {
  store.removeItem(TOKEN_KEY);
  store.removeItem(UNIT_KEY);
}

/** A clerk's unit, remembered so offline validation can default empty unit cells to it. */
export function rememberUnit(store: KeyValueStore, me: Me): void {
  if (me.role === "clerk" && me.unit) store.setItem(UNIT_KEY, me.unit);
  else store.removeItem(UNIT_KEY);
}

export function loadUnit(store: KeyValueStore): string | null {
  return store.getItem(UNIT_KEY) || null;
}

export function roleName(role: Role, locale: Locale): string {
  return t(locale, `role.${role}` as MessageKey);
}

export function describeConnection(me: Me, locale: Locale): string {
  // The court liaison reads across units and writes nothing: the note says so rather than "all units (role)".
  if (me.role === "court") return t(locale, "connect.court");
  const unit = me.unit ?? (locale === "en" ? "all units" : "全部单位");
  return t(locale, "connect.connected", { unit, role: roleName(me.role, locale) });
}

/**
 * Which pages a role sees: a clerk pushes; a coordinator also sees all flags; the assessment office ranks; the court
 * liaison keeps no ledger, so it gets its court cases and nothing to validate or push.
 */
export function pagesFor(role: Role | null): ("connect" | "columns" | "validate" | "push" | "coordinator" | "rankings" | "mentors" | "routing" | "incoming" | "limits" | "court" | "stats")[] {
  if (role === "court") return ["connect", "court"];
  const base = ["connect", "columns", "validate"] as const;
  if (role === "clerk") return [...base, "push", "incoming", "rankings", "stats"];
  if (role === "coordinator") return [...base, "push", "routing", "coordinator", "mentors", "rankings", "stats", "limits"];
  // The assessment office pushes its 案件质量评查表 from the Push page.
  if (role === "assessor") return [...base, "push", "rankings", "stats", "limits"];
  return [...base];
}
