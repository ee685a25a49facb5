/** The pane's shared state and the tabs. Pages read and update it; Excel and HTTP sit behind interfaces. */
import type { Locale } from "../../../ledger/messages.ts";
import { ApiError, createApiClient, type ApiClient } from "../../../ledger/api/client.ts";
import type { OfficeLetterhead, OfficeProfile } from "../../../ledger/api/office-profile.ts";
import type { Me } from "../../../ledger/api/roles.ts";
import type { LedgerWorkbook, SheetGrid } from "../../hosts/ledger-workbook.ts";
import type { RoutingWorkbook } from "../../hosts/routing-workbook.ts";
import type { HostLimit } from "../../hosts/host.ts";
import { emptyColumnSettings, type ColumnSettings } from "../logic/columns.ts";
import { pagesFor, type KeyValueStore } from "../logic/connect.ts";
import { describeError } from "../logic/errors.ts";
import { createOfficeProfileCache } from "../logic/office-profile-cache.ts";
import type { ValidationRun } from "../logic/validate.ts";
import type { SheetUnit } from "../logic/unit-pick.ts";
import { clear, h, message } from "./dom.ts";
import { t, type MessageKey } from "../i18n.ts";

export type PageId = ReturnType<typeof pagesFor>[number];

export interface App {
  locale: Locale;
  /** null outside Excel (a plain browser): pages say so instead of failing. */
  workbook: LedgerWorkbook | null;
  /** The same workbook as routing (分流, 签收) sees it; null exactly when workbook is. */
  routing: RoutingWorkbook | null;
  store: KeyValueStore;
  token: string | null;
  me: Me | null;
  settings: ColumnSettings;
  grid: SheetGrid | null;
  run: ValidationRun | null;
  units: string[] | undefined;
  /**
   * The unit a coordinator picked for the sheet they validate next ("" = let the pane find it); null when the picker
   * was not touched since the last validation (the sheet's remembered pick applies). Clerks never pick.
   */
  unitPick: string | null;
  /** The unit the last validation gave rows without one, and how it was found. */
  sheetUnit: SheetUnit | null;
  client(): ApiClient | null;
  /**
   * The office's letterhead for report forms (报表落款), read once per token and kept for the session; a form prints
   * `letterheadOf(await app.officeProfile())` (ledger/api/office-profile.ts): "" where the office has not set it.
   * Fails (ApiError) when not connected or the Worker cannot be reached.
   */
  officeProfile(): Promise<OfficeProfile>;
  /** What a report form prints (填报单位, 联系人, 联系电话); undefined when it cannot be read, so the form leaves lines to fill. */
  letterhead(): Promise<OfficeLetterhead | undefined>;
  /** After the coordinator saves it: what later reads get. */
  rememberOfficeProfile(profile: OfficeProfile): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  errorText(e: unknown): string;
  show(page: PageId): void;
  rerender(): void;
}

export type Page = (app: App) => HTMLElement;
/**
 * How the pane gets a page: most pages' modules are fetched the first time they are shown (a chunk of their own, out of
 * the first load); a page that came with the entry is simply handed over.
 */
export type PageLoader = () => Promise<Page>;

/** What the host cannot do, as the one line the pane shows under its title; null when it lacks nothing. */
export function limitsLine(locale: Locale, hostName: string, limits: readonly HostLimit[] | undefined): string | null {
  if (!limits || limits.length === 0) return null;
  const list = limits.map((l) => t(locale, `limits.${l}`)).join(t(locale, "limits.sep"));
  return t(locale, "limits.line", { host: hostName, list });
}

/** The host as the app shell words it: its name and what this version of it cannot do. */
export interface HostSummary {
  name: string;
  limits?: readonly HostLimit[];
}

export function startApp(root: HTMLElement, init: Pick<App, "locale" | "workbook" | "routing" | "store" | "token">, pages: Record<PageId, PageLoader>, host?: HostSummary): App {
  let current: PageId = init.token ? "validate" : "connect";
  const loaded = new Map<PageId, Page>();
  const loading = new Map<PageId, Promise<Page>>();
  // Bumped by every render: a page whose module arrives after the clerk moved on is not drawn over the newer one.
  let renders = 0;
  const nav = h("fluent-tablist", { "aria-label": "pages" });
  // The tablist moves between tabs with the arrow keys and reports it as "change".
  nav.addEventListener("change", () => {
    const id = ((nav as HTMLElement & { activeid?: string }).activeid ?? nav.getAttribute("activeid") ?? "").replace(/^tab-/, "");
    if (id && id !== current && pagesFor(app.me?.role ?? null).includes(id as PageId)) app.show(id as PageId);
  });
  const body = h("main", { class: "page" });
  // One line, above every page, for an older host: what it cannot do (the pages leave those parts out).
  const limits = host ? limitsLine(init.locale, host.name, host.limits) : null;
  const limitsNote = limits ? message("warning", limits) : null;
  limitsNote?.setAttribute("data-host-limits", "");
  root.replaceChildren(h("header", {}, h("h1", {}, t(init.locale, "appTitle")), nav), ...(limitsNote ? [limitsNote] : []), body);

  const officeProfiles = createOfficeProfileCache();
  const app: App = {
    ...init,
    me: null,
    settings: emptyColumnSettings(),
    grid: null,
    run: null,
    units: undefined,
    unitPick: null,
    sheetUnit: null,
    client() {
      return app.token ? createApiClient({ token: app.token }) : null;
    },
    officeProfile() {
      const client = app.client();
      if (!app.token || !client) return Promise.reject(new ApiError("unauthorized", "尚未连接服务器 Not connected to the server"));
      return officeProfiles.read(app.token, () => client.officeProfile());
    },
    letterhead() {
      // Just the three lines (letterheadOf's shape), without importing the contract's zod into the first load.
      return app.officeProfile().then((p) => ({ filingUnit: p.filingUnit, contact: p.contact, phone: p.phone }), () => undefined);
    },
    rememberOfficeProfile(profile) {
      if (app.token) officeProfiles.remember(app.token, profile);
    },
    t: (key, params) => t(app.locale, key, params),
    errorText: (e) => describeError(e, app.locale, host?.name),
    show(page) {
      current = page;
      app.rerender();
    },
    rerender() {
      const allowed = pagesFor(app.me?.role ?? null);
      if (!allowed.includes(current)) current = allowed.includes("validate") ? "validate" : allowed.includes("court") ? "court" : allowed[0];
      clear(nav);
      for (const id of allowed) {
        const tab = h("fluent-tab", { id: `tab-${id}`, "aria-selected": id === current ? "true" : "false", onclick: () => app.show(id) }, app.t(`tab.${id}` as MessageKey));
        nav.appendChild(tab);
      }
      nav.setAttribute("activeid", `tab-${current}`);
      renderPage(current);
    },
  };

  function renderPage(id: PageId): void {
    const render = ++renders;
    if (!app.workbook && id !== "connect") {
      // A host too old to touch the workbook is not "Excel is not here": the line above already says what it is.
      body.replaceChildren(...(host?.limits?.includes("workbook") ? [] : [message("warning", app.t("error.noExcel"))]));
      return;
    }
    const page = loaded.get(id);
    if (page) return void body.replaceChildren(page(app));
    body.replaceChildren(h("div", { class: "page-loading", "aria-live": "polite" }, h("span", {}, app.t("page.loading")), h("fluent-progress-bar", {})));
    let pending = loading.get(id);
    if (!pending) loading.set(id, (pending = pages[id]()));
    pending.then(
      (p) => {
        loaded.set(id, p);
        if (render === renders) body.replaceChildren(p(app));
      },
      () => {
        // Offline, or the server went away: the next try fetches the module again.
        loading.delete(id);
        if (render !== renders) return;
        const retry = h("fluent-button", { appearance: "primary", onclick: () => renderPage(id) }, app.t("page.retry"));
        body.replaceChildren(message("error", app.t("page.loadFailed", { page: app.t(`tab.${id}` as MessageKey) })), h("div", { class: "actions" }, retry));
      },
    );
  }
  app.rerender();
  return app;
}
