import { createApiClient } from "../../../../ledger/api/client.ts";
import { cleanToken, describeConnection, forgetToken, looksLikeToken, rememberUnit, saveToken } from "../../logic/connect.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";

export const connectPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" }, app.me ? message("success", describeConnection(app.me, app.locale)) : message("info", app.t("connect.notConnected")));
  const input = h("fluent-text-input", { type: "password", autocomplete: "off", class: "wide" }, app.t("connect.token")) as HTMLElement & { value: string };
  const connect = async () => {
    const token = cleanToken(input.value ?? "");
    if (!looksLikeToken(token)) {
      status.replaceChildren(message("error", app.t("connect.badFormat")));
      return;
    }
    try {
      const client = createApiClient({ token });
      app.me = await client.me();
      app.units = await client.units().then((us) => us.map((u) => u.name), () => undefined);
      app.token = token;
      saveToken(app.store, token);
      rememberUnit(app.store, app.me);
      app.rerender();
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const forget = () => {
    forgetToken(app.store);
    app.token = null;
    app.me = null;
    app.rerender();
  };
  return h("section", {},
    h("p", {}, app.t("connect.intro")),
    input,
    h("div", { class: "actions" },
      h("fluent-button", { appearance: "primary", onclick: connect }, app.t("connect.save")),
      app.token ? h("fluent-button", { onclick: forget }, app.t("connect.forget")) : null),
    status);
};
