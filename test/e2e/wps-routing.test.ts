// The coordinator's routing session of routing.test.ts (分流 → transfer → 签收, and the rule sheet) in WPS 表格: the
// built WPS pane over the WPS double, against the real Worker.
import { routingFlow } from "./flows/routing-flow.ts";

routingFlow("wps");
