/**
 * 时限与预警设置: the time limits and flag thresholds in force, with their defaults, who saved them and when. The
 * coordinator edits and saves (checked in the pane first); an assessor sees them read-only. Below them, 报表落款
 * (office-form.ts), the letterhead every report form prints.
 */
import { LIMIT_FIELDS, fieldText, type LimitField, type LimitsResponse } from "../../../../ledger/api/limits.ts";
import { changedFromDefaults, checkLimits, chinaMinute, typedFrom } from "../../logic/limits-form.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { officeProfileForm } from "./office-form.ts";

export const limitsPage: Page = (app) => {
  const en = app.locale === "en";
  const canSave = app.me?.role === "coordinator";
  const inputs = new Map<string, HTMLInputElement>();
  const defaults = new Map<string, HTMLElement>();
  const labels = new Map<string, HTMLElement>();
  const version = h("p", { class: "hint", id: "limits-version" });
  const status = h("div", { "aria-live": "polite" });
  let loaded: LimitsResponse | null = null;

  const fieldRow = (f: LimitField) => {
    const id = `limit-${f.id}`;
    const input = h("input", { id, inputmode: f.unit === "share" ? "decimal" : "numeric", size: "5", disabled: !canSave }) as HTMLInputElement;
    inputs.set(f.id, input);
    const label = h("label", { for: id }, en ? f.en : f.zh);
    labels.set(f.id, label);
    const def = h("span", { class: "default" });
    defaults.set(f.id, def);
    return h("div", { class: "limit" }, label, h("span", { class: "value" }, input, h("span", { class: "suffix" }, f.unit === "share" ? "%" : ""), def));
  };
  const group = (title: string, fields: readonly LimitField[]) => h("div", { class: "limit-group" }, h("h3", {}, title), ...fields.map(fieldRow));

  const show = (r: LimitsResponse) => {
    loaded = r;
    const typed = typedFrom(r.current);
    const changed = changedFromDefaults(r.current, r.defaults);
    for (const f of LIMIT_FIELDS) {
      inputs.get(f.id)!.value = typed[f.id];
      inputs.get(f.id)!.classList.remove("invalid");
      const d = fieldText(r.defaults, f);
      defaults.get(f.id)!.textContent = d === "" ? app.t("limits.defaultNone") : app.t("limits.default", { value: f.unit === "share" ? `${d}%` : d });
      labels.get(f.id)!.classList.toggle("changed", changed.has(f.id));
    }
    version.textContent = r.version === 0
      ? app.t("limits.versionDefault")
      : r.changedBy === null
        ? app.t("limits.versionCarried", { version: r.version })
        : app.t("limits.version", { version: r.version, who: r.changedBy.label ?? `#${r.changedBy.tokenId}`, when: chinaMinute(r.changedAt ?? "") });
  };

  const load = async () => {
    try {
      show(await app.client()!.limits());
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const save = async () => {
    if (!loaded) return;
    const typed = Object.fromEntries(LIMIT_FIELDS.map((f) => [f.id, inputs.get(f.id)!.value]));
    const checked = checkLimits(typed, loaded.current, app.locale);
    for (const f of LIMIT_FIELDS) inputs.get(f.id)!.classList.toggle("invalid", !checked.ok && checked.field === f.id);
    if (!checked.ok) {
      inputs.get(checked.field)?.focus();
      return void status.replaceChildren(message("error", checked.message));
    }
    try {
      const r = await app.client()!.setLimits({ settings: checked.settings, baseVersion: loaded.version });
      show(r);
      status.replaceChildren(message("success", app.t("limits.saved", { version: r.version })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  const byGroup = (g: LimitField["group"]) => LIMIT_FIELDS.filter((f) => f.group === g);
  void load();
  return h("section", { class: "limits" },
    h("h2", {}, app.t("limits.title")),
    h("p", { class: "hint" }, app.t("limits.intro")),
    version,
    h("fieldset", {}, h("legend", {}, app.t("limits.timeLimits")),
      group(app.t("limits.byStage"), byGroup("byStage")),
      group(app.t("limits.byMediationType"), byGroup("byMediationType")),
      h("div", { class: "limit-group" }, fieldRow(byGroup("fallback")[0]))),
    h("fieldset", {}, h("legend", {}, app.t("limits.flags")), ...byGroup("flags").map(fieldRow)),
    canSave ? h("p", { class: "hint" }, app.t("limits.versionNote")) : null,
    canSave ? h("div", { class: "actions" }, h("fluent-button", { id: "limits-save", appearance: "primary", onclick: save }, app.t("limits.save"))) : h("p", { class: "hint" }, app.t("limits.readOnly")),
    status,
    // The office's letterhead for report forms: set by the same coordinator, on the same page as the district's rules.
    officeProfileForm(app));
};
