// Setup for every test file (both vitest projects): the product's clock reads the day named by TIAOJIE_TODAY, so
// CI can run the clock-reading tests on chosen days (scripts/test-on-days.sh); unset, today is the real day.
import { setToday } from "../../ledger/clock.ts";

setToday(process.env.TIAOJIE_TODAY);
