/**
 * Parts of the pane that are not on its first page (other pages, a host's routing and report writers, whole-workbook
 * checks) are
 * separate chunks fetched when first used, so the pane opens with less to download (bench/addin-bundle.ts). Fetching
 * one can fail where the first load did not: the network dropped since, or the server is away. That failure gets its
 * own error, so the clerk reads "this part did not download, check the network and try again" rather than a browser
 * message about modules.
 */
export class ModuleLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "ModuleLoadError";
  }
}

/** Fetches a chunk (`() => import("./x.ts")`); a failure becomes ModuleLoadError, and the next call fetches again. */
export async function onDemand<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new ModuleLoadError(e);
  }
}
