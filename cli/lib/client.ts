/** The Worker's HTTP API as the CLI uses it: base URL and token from --url/--token or TIAOJIE_URL/TIAOJIE_TOKEN. */
import { UsageError } from "./options.ts";

export const DEFAULT_URL = "http://127.0.0.1:8787";

/** A refusal from the server, in the API's error shape (docs/API.md). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** Worth sending again unchanged: the server failed, was busy, or the connection broke (status 0). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface Client {
  url: string;
  request<T>(method: string, path: string, o?: { body?: unknown; headers?: Record<string, string> }): Promise<T>;
}

export function connection(values: { url?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): { url: string; token: string } {
  const url = (values.url || env.TIAOJIE_URL || DEFAULT_URL).replace(/\/+$/, "");
  const token = values.token || env.TIAOJIE_TOKEN;
  if (!token) {
    throw new UsageError("缺少访问令牌：请设置 TIAOJIE_TOKEN 或使用 --token。 No access token: set TIAOJIE_TOKEN or pass --token.");
  }
  return { url, token };
}

export function createClient(url: string, token: string): Client {
  return {
    url,
    async request<T>(method: string, path: string, o: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...o.headers };
      let body: string | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
        headers["Content-Type"] = "application/json";
      }
      let res: Response;
      let text: string;
      try {
        res = await fetch(url + path, { method, headers, body });
        // Inside the same try: a connection cut while the answer is still arriving is a network failure too,
        // and must be retried like one rather than crash the push.
        text = await res.text();
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        throw new ApiRequestError(0, "network", `无法连接 ${url}（${cause}）。服务是否已启动（npm start）？ Cannot reach ${url} (${cause}). Is the server running?`);
      }
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      if (!res.ok) {
        const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
        throw new ApiRequestError(res.status, err?.code ?? "http_error", err?.message ?? `HTTP ${res.status}`, err?.details);
      }
      return parsed as T;
    },
  };
}

/** Prints a server refusal the way the other CLI errors are printed; returns the exit code. */
export function reportApiError(e: ApiRequestError): number {
  process.stderr.write(`${e.message}${e.status ? ` [${e.status} ${e.code}]` : ""}\n`);
  return e.status === 401 || e.status === 403 ? 3 : 1;
}
