/** Starts the pane over a host: language and theme from the host, then the pages, then who the token belongs to. */
import { pickLocale, type Locale } from "../../ledger/messages.ts";
import type { Host } from "../hosts/host.ts";
import { loadLanguage } from "./i18n.ts";
import { loadToken, rememberUnit } from "./logic/connect.ts";
import { startApp } from "./ui/app.ts";
import { applyTheme } from "./ui/components.ts";
// The two pages a pane opens on (Connect without a token, Validate with one) come with the entry; every other page
// is its own chunk, fetched the first time it is shown, so the first load stays small (bench/addin-bundle.ts).
import { connectPage } from "./ui/pages/connect.ts";
import { validatePage } from "./ui/pages/validate.ts";
import { paneTheme } from "./ui/theme.ts";
import "./ui/styles.css";

export async function startPane(host: Host, root: HTMLElement = document.getElementById("app")!): Promise<void> {
  const wanted = pickLocale(host.displayLanguage ?? navigator.language);
  // Without its English words (offline since the entry loaded) the pane still opens, in Chinese.
  const locale = await loadLanguage(wanted).then((): Locale => wanted, (): Locale => "zh-CN");
  document.documentElement.lang = locale;
  applyTheme(paneTheme(host.theme ?? null));
  const app = startApp(root, {
    locale,
    workbook: host.workbook,
    routing: host.routing,
    store: localStorage,
    token: loadToken(localStorage),
  }, {
    connect: async () => connectPage,
    validate: async () => validatePage,
    columns: () => import("./ui/pages/columns.ts").then((m) => m.columnsPage),
    push: () => import("./ui/pages/push.ts").then((m) => m.pushPage),
    coordinator: () => import("./ui/pages/reports.ts").then((m) => m.coordinatorPage),
    rankings: () => import("./ui/pages/reports.ts").then((m) => m.rankingsPage),
    mentors: () => import("./ui/pages/mentors.ts").then((m) => m.mentorsPage),
    routing: () => import("./ui/pages/routing.ts").then((m) => m.routingPage),
    incoming: () => import("./ui/pages/incoming.ts").then((m) => m.incomingPage),
    limits: () => import("./ui/pages/limits.ts").then((m) => m.limitsPage),
    court: () => import("./ui/pages/court.ts").then((m) => m.courtPage),
    stats: () => import("./ui/pages/statistics.ts").then((m) => m.statsPage),
  });
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
