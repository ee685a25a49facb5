/** Every Worker route the clients call, in one place (docs/API.md). */
const q = (params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
};

export const PATHS = {
  me: "/api/me",
  units: "/api/units",
  tokens: "/api/tokens",
  token: (id: number) => `/api/tokens/${id}`,
  pushChunk: (pushId: string) => `/api/pushes/${encodeURIComponent(pushId)}/chunks`,
  push: (pushId: string) => `/api/pushes/${encodeURIComponent(pushId)}`,
  flags: (query: FlagsQuery = {}) => `/api/flags${q({ ...query, dueWithinDays: query.dueWithinDays === undefined ? undefined : String(query.dueWithinDays) })}`,
  rankings: (period: string, asOf?: string) => `/api/rankings${q({ period, asOf })}`,
  trend: (o: { from: string; to: string; by?: "month" | "quarter"; asOf?: string }) => `/api/rankings/trend${q({ from: o.from, to: o.to, by: o.by, asOf: o.asOf })}`,
  drilldown: (d: { unit?: string; period: string; asOf?: string }) => `/api/rankings/drilldown${q({ unit: d.unit, period: d.period, asOf: d.asOf })}`,
  weights: (period: string) => `/api/rankings/weights${q({ period })}`,
  limits: "/api/settings/limits",
  officeProfile: "/api/office-profile",
  roster: "/api/roster",
  mentorAssignments: (period: string, asOf?: string) => `/api/mentors/assignments${q({ period, asOf })}`,
  mediatorResults: (period: string, asOf?: string) => `/api/mediators/results${q({ period, asOf })}`,
  zones: "/api/zones",
  stats: (period: string, group?: string) => `/api/stats${q({ period, group })}`,
  competition: (period: string, asOf?: string) => `/api/competition${q({ period, asOf })}`,
  digest: (period: string, asOf?: string) => `/api/digest${q({ period, asOf })}`,
  subsidies: (period: string) => `/api/subsidies${q({ period })}`,
  subsidyTiers: (period: string) => `/api/subsidies/tiers${q({ period })}`,
  visits: "/api/visits",
  visitsOf: (period: string) => `/api/visits${q({ period })}`,
  reviews: "/api/reviews",
  reviewDimensions: (period: string) => `/api/reviews/dimensions${q({ period })}`,
  routingRules: "/api/routing/rules",
  ruleSheet: (kind: "domains" | "places") => `/api/routing/${kind}`,
  transfers: "/api/transfers",
  incoming: (pending?: boolean) => `/api/transfers/incoming${q({ pending: pending ? "true" : undefined })}`,
  receive: "/api/transfers/receive",
  courtCases: (o: { period?: string; after?: number } = {}) =>
    `/api/court/cases${q({ period: o.period, after: o.after === undefined ? undefined : String(o.after) })}`,
  courtCase: (unit: string, caseNo: string) => `/api/court/cases/${encodeURIComponent(unit)}/${encodeURIComponent(caseNo)}`,
} as const;

export interface FlagsQuery {
  unit?: string;
  severity?: string;
  code?: string;
  scope?: "case" | "unit";
  /** Only cases whose time limit runs out within this many days (0–366). */
  dueWithinDays?: number;
  period?: string;
  asOf?: string;
}
