// The coordinator's routing session (分流 → transfer → 签收, and the rule sheet) in Excel: the flow shared with WPS 表格,
// flows/routing-flow.ts, over the Excel double.
import { routingFlow } from "./flows/routing-flow.ts";

routingFlow("excel");
