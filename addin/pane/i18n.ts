/**
 * Task pane words in Chinese (default) and English, chosen from the host's display language, each language's words
 * fetched when needed (see `words` below): the first pages' in i18n-zh.ts / i18n-en.ts, the other pages' in
 * i18n-more.ts / i18n-more-en.ts. Outside ui/ so that logic/ (which never imports ui/) can word its messages too.
 */
import type { Locale } from "../../ledger/messages.ts";
import type { ZH_MORE } from "./i18n-more.ts";
import type { ZH } from "./i18n-zh.ts";


/** The words of the first pages (Connect, Validate), the tabs and the errors: with the entry, in Chinese. */
export type FirstPageKey = keyof typeof ZH;
export type MessageKey = FirstPageKey | keyof typeof ZH_MORE;

/**
 * The words the pane has so far, per language. The first pages' words of the pane's language (i18n-zh.ts or
 * i18n-en.ts) are fetched before the first page (startPane awaits loadLanguage; start.ts starts the fetch as soon as
 * the entry runs, while the host is still getting ready), so an English pane never fetches the Chinese ones; the
 * other pages' words (i18n-more.ts, i18n-more-en.ts) come with the first page that needs them (loadPageWords). A word
 * not here yet is said in Chinese when there is one, else by its key: never an exception in the middle of a page.
 */
const words: Record<Locale, Partial<Record<MessageKey, string>>> = { "zh-CN": {}, en: {} };
const loads = new Map<string, Promise<void>>();

function load(name: string, locale: Locale, fetch: () => Promise<Partial<Record<MessageKey, string>>>): Promise<void> {
  let pending = loads.get(name);
  if (!pending) {
    pending = fetch().then(
      (table) => void Object.assign(words[locale], table),
      (e: unknown) => {
        // Not fetched (offline): the next page that needs them tries again.
        loads.delete(name);
        throw e;
      },
    );
    loads.set(name, pending);
  }
  return pending;
}

/** The first pages' words in this language. */
export function loadLanguage(locale: Locale): Promise<void> {
  return locale === "en"
    ? load("en", "en", () => import("./i18n-en.ts").then((m) => m.EN))
    : load("zh", "zh-CN", () => import("./i18n-zh.ts").then((m) => m.ZH));
}

/** The other pages' words in this language: awaited with each page module other than Connect and Validate. */
export function loadPageWords(locale: Locale): Promise<void> {
  return locale === "en"
    ? load("more-en", "en", () => import("./i18n-more-en.ts").then((m) => m.EN_MORE))
    : load("more", "zh-CN", () => import("./i18n-more.ts").then((m) => m.ZH_MORE));
}

export type Params = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template: string = words[locale][key] ?? words["zh-CN"][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
