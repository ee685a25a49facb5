/** The Rankings page's weights editor: a period's weights with their source, saved by the assessment office. */
import { INDICATOR_KEYS, INDICATORS } from "../../../../ledger/api/indicators.ts";
import { checkWeights } from "../../logic/weights-form.ts";
import type { App } from "../app.ts";
import { h, message } from "../dom.ts";

/** `period()` reads the page's period picker; `load()` fills the fields for it (the page calls it when the period changes). */
export function weightsEditor(app: App, period: () => string): { element: HTMLElement; load(): Promise<void> } {
  const en = app.locale === "en";
  const inputs = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, h("input", { id: `weight-${k}`, inputmode: "decimal", size: "5" }) as HTMLInputElement]));
  const source = h("p", { class: "hint" });
  const status = h("div", { "aria-live": "polite" });
  const canSave = app.me?.role === "assessor";

  // The page loads the shown period's weights when it opens and again on each change of period: only the answer for
  // the latest request is shown, or a slow answer for the period first shown could overwrite the one picked since.
  let loads = 0;
  const load = async () => {
    const mine = ++loads;
    try {
      const w = await app.client()!.weights(period());
      if (mine !== loads) return;
      for (const k of INDICATOR_KEYS) inputs[k].value = String(w.weights[k]);
      source.textContent = app.t(w.source === "period" ? "weights.sourcePeriod" : "weights.sourceDefault", { period: w.period });
      status.replaceChildren();
    } catch (e) {
      if (mine === loads) status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const save = async () => {
    const typed = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, inputs[k].value]));
    const checked = checkWeights(typed, app.locale);
    for (const k of INDICATOR_KEYS) inputs[k].classList.toggle("invalid", !checked.ok && checked.key === k);
    if (!checked.ok) return void status.replaceChildren(message("error", checked.message));
    try {
      const w = await app.client()!.setWeights(period(), checked.weights);
      // Show what was stored ("３５" typed is saved as 35).
      for (const k of INDICATOR_KEYS) inputs[k].value = String(w.weights[k]);
      source.textContent = app.t("weights.sourcePeriod", { period: w.period });
      status.replaceChildren(message("success", app.t("weights.saved", { period: w.period })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  const element = h("fieldset", { class: "weights" },
    h("legend", {}, app.t("weights.title")),
    source,
    ...INDICATOR_KEYS.map((k) => h("div", { class: "weight" }, h("label", { for: `weight-${k}` }, en ? INDICATORS[k].en : INDICATORS[k].zh), inputs[k])),
    canSave ? h("div", { class: "actions" }, h("fluent-button", { onclick: save }, app.t("weights.save"))) : h("p", { class: "hint" }, app.t("weights.readOnly")),
    status);
  return { element, load };
}
