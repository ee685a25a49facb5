// Setup for every Node test file: the pane fetches its English words, and the words of pages other than the first two,
// only when needed (addin/pane/i18n.ts); tests of the pane's logic word things in both languages without starting a
// pane, so all the words are loaded here.
import { loadLanguage, loadPageWords } from "../../addin/pane/i18n.ts";

await Promise.all([loadLanguage("en"), loadPageWords("en"), loadPageWords("zh-CN")]);
