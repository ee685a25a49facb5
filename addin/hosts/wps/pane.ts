/** The WPS pane's entry: find WPS 表格's Application (or find there is none) and start the pane over it. */
import "./polyfills.ts";
import "../../pane/zod-without-eval.ts";
import { startPane } from "../../pane/start.ts";
import { wpsApplication, wpsHost } from "./wps-host.ts";

// Outside WPS (a plain browser) wpsHost gives no workbook: the pages still open and say so.
void startPane(wpsHost(wpsApplication()));
