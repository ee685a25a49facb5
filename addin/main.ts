/** Task pane entry: wait for Office (or find there is none), pick language and theme, start the pages. */
import "./zod-without-eval.ts";
import { pickLocale } from "../ledger/messages.ts";
import { createExcelWorkbook } from "./excel/excel-ledger-workbook.ts";
import { loadToken, rememberUnit } from "./logic/connect.ts";
import { startApp } from "./ui/app.ts";
import { applyTheme } from "./ui/components.ts";
import { columnsPage } from "./ui/pages/columns.ts";
import { connectPage } from "./ui/pages/connect.ts";
import { pushPage } from "./ui/pages/push.ts";
import { coordinatorPage, rankingsPage } from "./ui/pages/reports.ts";
import { validatePage } from "./ui/pages/validate.ts";
import { paneTheme } from "./ui/theme.ts";
import "./ui/styles.css";

interface OfficeLike {
  onReady(): Promise<{ host: string | null }>;
  context?: { displayLanguage?: string; officeTheme?: Record<string, string> };
  HostType?: { Excel: string };
}

async function officeHost(): Promise<{ office: OfficeLike | null; host: string | null }> {
  // office.js comes from Microsoft's CDN; offline or in a plain browser it may be missing.
  const office = (globalThis as unknown as { Office?: OfficeLike }).Office ?? null;
  if (!office) return { office: null, host: null };
  const info = await Promise.race([office.onReady(), new Promise<{ host: null }>((r) => setTimeout(() => r({ host: null }), 5_000))]);
  return { office, host: info.host };
}

async function main(): Promise<void> {
  const { office, host } = await officeHost();
  const inExcel = host !== null && host === (office?.HostType?.Excel ?? "Excel");
  const locale = pickLocale(office?.context?.displayLanguage ?? navigator.language);
  document.documentElement.lang = locale;
  applyTheme(paneTheme(inExcel ? office?.context?.officeTheme : null));
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
