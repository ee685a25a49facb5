/** Every Worker route the add-in calls, in one place. The task pane and the API share one origin. */
export const ENDPOINTS = {
  me: "/api/me",
  units: "/api/units",
  pushChunk: (pushId: string) => `/api/pushes/${encodeURIComponent(pushId)}/chunks`,
  // Not in docs/API.md yet: the assessment feature's routes as the add-in expects them.
  flags: "/api/flags",
  rankings: (period: string) => `/api/rankings?period=${encodeURIComponent(period)}`,
} as const;

/** Server limits for one push chunk (docs/API.md): ≤ 1,000 rows and ≤ 1 MB of JSON. */
export const PUSH_MAX_ROWS = 1_000;
export const PUSH_MAX_BYTES = 1_000_000;
