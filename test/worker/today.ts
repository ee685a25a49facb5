import { env } from "cloudflare:workers";
import { setToday } from "../../ledger/clock.ts";

// The tests compute their dates on the same day as the Worker they call (TIAOJIE_TODAY, ledger/clock.ts).
setToday(env.TIAOJIE_TODAY);
