/** The Worker API client: bearer token, JSON, errors sorted into ApiError kinds. No retries here (see push.ts). */
import { ENDPOINTS } from "./endpoints.ts";
import { errorFromResponse, errorFromThrown } from "./errors.ts";
import type { Flag, Me, PushReceipt, Rankings } from "./types.ts";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClient {
  me(signal?: AbortSignal): Promise<Me>;
  /** Sends one push chunk. `body` is the exact JSON text: a retry must send the same bytes under the same key. */
  pushChunk(pushId: string, idempotencyKey: string, body: string, signal?: AbortSignal): Promise<PushReceipt>;
  /** Configured unit names, for offline-style validation of the unit column. */
  units(signal?: AbortSignal): Promise<string[]>;
  flags(signal?: AbortSignal): Promise<Flag[]>;
  rankings(period: string, signal?: AbortSignal): Promise<Rankings>;
}

export interface ApiClientOptions {
  token: string;
  /** "" = the origin that served the task pane (the Worker). */
  baseUrl?: string;
  fetch?: Fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = (options.baseUrl ?? "").replace(/\/+$/, "");
  const doFetch: Fetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(base + path, {
        ...init,
        headers: { Accept: "application/json", Authorization: `Bearer ${options.token}`, ...(init.headers as Record<string, string>) },
      });
    } catch (e) {
      throw errorFromThrown(e);
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch (e) {
      if (init.signal?.aborted) throw errorFromThrown(e);
      body = null;
    }
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers.get("Retry-After"));
    return body as T;
  }

  return {
    me: (signal) => request<Me>(ENDPOINTS.me, { signal }),
    pushChunk: (pushId, idempotencyKey, body, signal) =>
      request<PushReceipt>(ENDPOINTS.pushChunk(pushId), {
        method: "POST",
        body,
        signal,
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
      }),
    units: async (signal) => (await request<{ units: { name: string }[] }>(ENDPOINTS.units, { signal })).units.map((u) => u.name),
    flags: async (signal) => (await request<{ flags: Flag[] }>(ENDPOINTS.flags, { signal })).flags,
    rankings: (period, signal) => request<Rankings>(ENDPOINTS.rankings(period), { signal }),
  };
}
