/** Starts the pane over a host: language and theme from the host, then the pages, then who the token belongs to. */
import { pickLocale, type Locale } from "../../ledger/messages.ts";
import type { Host } from "../hosts/host.ts";
import { loadLanguage, loadPageWords } from "./i18n.ts";
import { loadToken, rememberUnit } from "./logic/connect.ts";
import { startApp, type Page } from "./ui/app.ts";
import { applyTheme } from "./ui/components.ts";
// The two pages a pane opens on (Connect without a token, Validate with one) come with the entry; every other page
// is its own chunk, fetched the first time it is shown, so the first load stays small (bench/addin-bundle.ts).
import { connectPage } from "./ui/pages/connect.ts";
import { validatePage } from "./ui/pages/validate.ts";
import { paneTheme } from "./ui/theme.ts";
import "./ui/styles.css";

// The words of the first pages are fetched as soon as the entry runs, in the browser's language, while the host
// (Office.onReady, WPS) is still getting ready; startPane then waits for the host's language, the same fetch when
// they agree.
if (typeof navigator !== "undefined") loadLanguage(pickLocale(navigator.language)).catch(() => undefined);

export async function startPane(host: Host, root: HTMLElement = document.getElementById("app")!): Promise<void> {
  const wanted = pickLocale(host.displayLanguage ?? navigator.language);
  // Without its English words (offline since the entry loaded) the pane still opens, in Chinese; without any words it
  // still opens, its texts shown by their keys.
  const locale = await loadLanguage(wanted).then(
    (): Locale => wanted,
    () => loadLanguage("zh-CN").then((): Locale => "zh-CN", (): Locale => wanted),
  );
  document.documentElement.lang = locale;
  applyTheme(paneTheme(host.theme ?? null));
  // A page other than the first two comes with the other pages' words: both fetched when it is first shown.
  const later = <M>(load: () => Promise<M>, page: (m: M) => Page) => () => Promise.all([load(), loadPageWords(locale)]).then(([m]) => page(m));
  const app = startApp(root, {
    locale,
    workbook: host.workbook,
    routing: host.routing,
    store: localStorage,
    token: loadToken(localStorage),
  }, {
    connect: async () => connectPage,
    validate: async () => validatePage,
    columns: later(() => import("./ui/pages/columns.ts"), (m) => m.columnsPage),
    push: later(() => import("./ui/pages/push.ts"), (m) => m.pushPage),
    coordinator: later(() => import("./ui/pages/reports.ts"), (m) => m.coordinatorPage),
    rankings: later(() => import("./ui/pages/reports.ts"), (m) => m.rankingsPage),
    mentors: later(() => import("./ui/pages/mentors.ts"), (m) => m.mentorsPage),
    routing: later(() => import("./ui/pages/routing.ts"), (m) => m.routingPage),
    incoming: later(() => import("./ui/pages/incoming.ts"), (m) => m.incomingPage),
    limits: later(() => import("./ui/pages/limits.ts"), (m) => m.limitsPage),
    court: later(() => import("./ui/pages/court.ts"), (m) => m.courtPage),
    stats: later(() => import("./ui/pages/statistics.ts"), (m) => m.statsPage),
  }, host);
  const client = app.client();
  if (client) {
    try {
      app.me = await client.me();
      rememberUnit(localStorage, app.me);
      app.units = await client.units().then((us) => us.map((u) => u.name), () => undefined);
      app.rerender();
    } catch {
      // The Connect page explains; validation still works offline.
      app.show("connect");
    }
  }
}
