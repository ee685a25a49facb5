// Node side: the WPS double driven directly, without a page: an Et Application over a workbook from a seed (the same
// WorkbookSeed / .xlsx fixtures as the Excel double, ../excel-double/seed.ts).
import type { WpsApplication } from "../../../addin/hosts/wps/wps-api.ts";
import { workbookFromSeed, type WorkbookSeed } from "../excel-double/model.ts";
import { newWpsState, wpsApplication, type WpsState } from "./application.ts";
import { seedSettings } from "./settings.ts";

export interface WpsDouble {
  /** The workbook and every call asked of it. */
  state: WpsState;
  app: WpsApplication;
}

export function wpsDouble(seed: WorkbookSeed): WpsDouble {
  const state = newWpsState(workbookFromSeed({ ...seed, settings: {} }));
  const app = wpsApplication(state) as WpsApplication;
  seedSettings(state, app, seed.settings ?? {});
  return { state, app };
}
