// Setup for every Node test file: the pane fetches its English words only when it speaks English (addin/pane/i18n.ts);
// tests of the pane's logic word things in both languages without starting a pane, so the words are loaded here.
import { loadLanguage } from "../../addin/pane/i18n.ts";

await loadLanguage("en");
