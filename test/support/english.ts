// Setup for every Node test file: the pane fetches its words only when needed (addin/pane/i18n.ts): the first pages'
// in the pane's language before its first page, the other pages' with the first of them. Tests of the pane's logic
// word things in both languages without starting a pane, so all the words are loaded here.
import { loadLanguage, loadPageWords } from "../../addin/pane/i18n.ts";

await Promise.all([loadLanguage("zh-CN"), loadLanguage("en"), loadPageWords("en"), loadPageWords("zh-CN")]);
