/** Task pane entry: wait for Office (or find there is none), pick language and theme, start the pages. */
import "./zod-without-eval.ts";
import { pickLocale } from "../ledger/messages.ts";
import { createExcelWorkbook } from "./excel/excel-ledger-workbook.ts";
import { officeHost } from "./excel/office-host.ts";
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

async function main(): Promise<void> {
  const { inExcel, displayLanguage, officeTheme } = await officeHost();
  const locale = pickLocale(displayLanguage ?? navigator.language);
  document.documentElement.lang = locale;
  applyTheme(paneTheme(inExcel ? officeTheme : null));
  const app = startApp(document.getElementById("app")!, {
    locale,
    workbook: inExcel ? createExcelWorkbook() : null,
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

void main();
