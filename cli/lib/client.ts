/**
 * The Worker's API as the CLI reaches it: the one client of ledger/api/client.ts, with the base URL and token from
 * --url/--token or TIAOJIE_URL/TIAOJIE_TOKEN.
 */
import { ApiError, createApiClient, type ApiClient } from "../../ledger/api/client.ts";
import { UsageError } from "./options.ts";
import { uncopiedFetch } from "./uncopied-fetch.ts";

export const DEFAULT_URL = "http://127.0.0.1:8787";

export type Client = ApiClient;

export function connection(values: { url?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): { url: string; token: string } {
  const url = (values.url || env.TIAOJIE_URL || DEFAULT_URL).replace(/\/+$/, "");
  const token = values.token || env.TIAOJIE_TOKEN;
  if (!token) {
    throw new UsageError("缺少访问令牌：请设置 TIAOJIE_TOKEN 或使用 --token。 No access token: set TIAOJIE_TOKEN or pass --token.");
  }
  return { url, token };
}

export function createClient(url: string, token: string): Client {
  return createApiClient({ baseUrl: url, token, fetch: uncopiedFetch });
}

/** Prints a server refusal the way the other CLI errors are printed; returns the exit code. */
export function reportApiError(e: ApiError): number {
  const hint = e.kind === "offline" ? "。服务是否已启动（npm start）？ Is the server running (npm start)?" : "";
  process.stderr.write(`${e.message}${hint}${e.status ? ` [${e.status} ${e.code}]` : ""}\n`);
  return e.status === 401 || e.status === 403 ? 3 : 1;
}
