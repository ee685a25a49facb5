/** The pane over WPS 表格 (loaded by pane.ts once the browser can run it): find the Application, start the pane. */
import "../../pane/zod-without-eval.ts";
import { startPane } from "../../pane/start.ts";
import { wpsApplication, wpsHost } from "./wps-host.ts";

// Outside WPS (a plain browser) wpsHost gives no workbook: the pages still open and say so.
void startPane(wpsHost(wpsApplication()));
