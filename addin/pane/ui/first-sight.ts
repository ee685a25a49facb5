/**
 * The line a page opens with: which sheet its button will read (by name, asked of the host when the page is drawn and
 * again after each run, since the clerk may switch sheets) and what to do first.
 */
import type { MessageKey } from "../i18n.ts";
import { activeSheetText } from "../logic/active-sheet.ts";
import type { App } from "./app.ts";
import { h } from "./dom.ts";

export interface FirstSight {
  element: HTMLElement;
  /** Asks the host for the active sheet's name again. */
  refresh(): void;
}

export function firstSight(app: App, key: MessageKey): FirstSight {
  const element = h("p", { class: "first-sight" });
  const say = (name: string | null) => (element.textContent = app.t(key, { sheet: activeSheetText(app.locale, name) }));
  const refresh = () => {
    // Without a name (the host could not say) the line still says what the button does, of "the active sheet".
    app.workbook?.activeSheetName().then(say, () => undefined);
  };
  say(null);
  refresh();
  return { element, refresh };
}
