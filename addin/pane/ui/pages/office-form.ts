/**
 * 报表落款 on the 时限与预警设置 page: the office's 填报单位, 联系人 and 联系电话 that every report form prints. The
 * coordinator edits and saves them (checked in the pane first, as the Worker checks them); an assessor reads them.
 */
import { OFFICE_FIELD_INFO, OFFICE_PROFILE_FIELDS, type OfficeProfile, type OfficeProfileField } from "../../../../ledger/api/office-profile.ts";
import { chinaMinute } from "../../logic/limits-form.ts";
import { checkOfficeForm, typedFromProfile } from "../../logic/office-profile-form.ts";
import type { App } from "../app.ts";
import { h, message } from "../dom.ts";

export function officeProfileForm(app: App): HTMLElement {
  const en = app.locale === "en";
  const canSave = app.me?.role === "coordinator";
  const inputs = new Map<OfficeProfileField, HTMLInputElement>();
  const version = h("p", { class: "hint", id: "office-version" });
  const status = h("div", { "aria-live": "polite" });
  let loaded: OfficeProfile | null = null;

  const fieldRow = (f: OfficeProfileField) => {
    const info = OFFICE_FIELD_INFO[f];
    const id = `office-${f}`;
    const input = h("input", {
      id, type: f === "phone" ? "tel" : "text", placeholder: info.example, disabled: !canSave,
    }) as HTMLInputElement;
    inputs.set(f, input);
    return h("div", { class: "limit" }, h("label", { for: id }, en ? info.en : info.zh), input);
  };

  const show = (p: OfficeProfile) => {
    loaded = p;
    const typed = typedFromProfile(p);
    for (const f of OFFICE_PROFILE_FIELDS) {
      inputs.get(f)!.value = typed[f];
      inputs.get(f)!.classList.remove("invalid");
    }
    const when = chinaMinute(p.updatedAt ?? "");
    version.textContent = p.version === 0
      ? app.t("office.notSet")
      : p.updatedBy === null
        ? app.t("office.versionAdmin", { version: p.version, when })
        : app.t("office.version", { version: p.version, who: p.updatedBy.label ?? `#${p.updatedBy.tokenId}`, when });
  };

  const save = async () => {
    if (!loaded) return;
    const typed = Object.fromEntries(OFFICE_PROFILE_FIELDS.map((f) => [f, inputs.get(f)!.value])) as Record<OfficeProfileField, string>;
    const checked = checkOfficeForm(typed, app.locale);
    for (const f of OFFICE_PROFILE_FIELDS) inputs.get(f)!.classList.toggle("invalid", !checked.ok && checked.fields.includes(f));
    if (!checked.ok) {
      inputs.get(checked.fields[0])?.focus();
      return void status.replaceChildren(message("error", checked.message));
    }
    try {
      const before = loaded.version;
      const p = await app.client()!.setOfficeProfile({ ...checked.letterhead, baseVersion: before });
      app.rememberOfficeProfile(p);
      show(p);
      status.replaceChildren(message("success", app.t(p.version === before ? "office.unchanged" : "office.saved", { version: p.version })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  app.officeProfile().then(show, (e: unknown) => status.replaceChildren(message("error", app.errorText(e))));
  return h("fieldset", { class: "office" },
    h("legend", {}, app.t("office.title")),
    h("p", { class: "hint" }, app.t("office.intro")),
    version,
    ...OFFICE_PROFILE_FIELDS.map(fieldRow),
    canSave
      ? h("div", { class: "actions" }, h("fluent-button", { id: "office-save", appearance: "primary", onclick: save }, app.t("office.save")))
      : h("p", { class: "hint" }, app.t("office.readOnly")),
    status);
}
