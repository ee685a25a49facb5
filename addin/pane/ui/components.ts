/** The Fluent web components the pane uses, and no others (each one costs bundle size). */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/text-input.js";
import "@fluentui/web-components/progress-bar.js";
import "@fluentui/web-components/tablist.js";
import "@fluentui/web-components/tab.js";
import "@fluentui/web-components/message-bar.js";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import type { PaneTheme } from "./theme.ts";

export function applyTheme(theme: PaneTheme): void {
  setTheme({ ...(theme.dark ? webDarkTheme : webLightTheme), ...theme.overrides });
  document.documentElement.dataset.theme = theme.dark ? "dark" : "light";
}
