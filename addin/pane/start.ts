/** Starts the pane over a host: language and theme from the host, then the pages, then who the token belongs to. */
import { pickLocale } from "../../ledger/messages.ts";
import type { Host } from "../hosts/host.ts";
import { loadToken, rememberUnit } from "./logic/connect.ts";
import { startApp } from "./ui/app.ts";
import { applyTheme } from "./ui/components.ts";
import { columnsPage } from "./ui/pages/columns.ts";
import { connectPage } from "./ui/pages/connect.ts";
import { courtPage } from "./ui/pages/court.ts";
import { incomingPage } from "./ui/pages/incoming.ts";
import { limitsPage } from "./ui/pages/limits.ts";
import { pushPage } from "./ui/pages/push.ts";
import { mentorsPage } from "./ui/pages/mentors.ts";
import { coordinatorPage, rankingsPage } from "./ui/pages/reports.ts";
import { statsPage } from "./ui/pages/statistics.ts";
import { routingPage } from "./ui/pages/routing.ts";
import { validatePage } from "./ui/pages/validate.ts";
import { paneTheme } from "./ui/theme.ts";
import "./ui/styles.css";

export async function startPane(host: Host, root: HTMLElement = document.getElementById("app")!): Promise<void> {
  const locale = pickLocale(host.displayLanguage ?? navigator.language);
  document.documentElement.lang = locale;
  applyTheme(paneTheme(host.theme ?? null));
  const app = startApp(root, {
    locale,
    workbook: host.workbook,
    routing: host.routing,
    store: localStorage,
    token: loadToken(localStorage),
  }, {
    connect: connectPage,
    columns: columnsPage,
    validate: validatePage,
    push: pushPage,
    coordinator: coordinatorPage,
    rankings: rankingsPage,
    mentors: mentorsPage,
    routing: routingPage,
    incoming: incomingPage,
    limits: limitsPage,
    court: courtPage,
    stats: statsPage,
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
