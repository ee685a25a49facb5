// The Worker's bindings and secrets, in one place (see wrangler.jsonc). Declared on Cloudflare.Env so that
// `import { env, exports } from "cloudflare:workers"` sees them too.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    /** The first admin token (a secret; locally from `.dev.vars`). */
    ADMIN_TOKEN?: string;
    /** Per-token request budget (wrangler.jsonc `ratelimits`); optional so that an environment without it still runs. */
    TOKEN_LIMITER?: RateLimit;
    /** Days a unit has to sign for a transferred case before the coordinator sees transfer_not_received (wrangler.jsonc vars; default 3). */
    TRANSFER_RECEIPT_DAYS?: string;
    /**
     * The Worker's CPU per request, in ms, that a push chunk is sized to (worker/push/chunk-budget.ts): the Free plan's
     * 10 when not set; 30000 on the Paid plan's default limit gives the largest chunks (1,000 rows).
     */
    PUSH_CPU_BUDGET_MS?: string;
    /** Tests and demonstrations only: the day (YYYY-MM-DD, China) the Worker takes as today (ledger/clock.ts). Unset in production. */
    TIAOJIE_TODAY?: string;
  }
  interface GlobalProps {
    mainModule: { default: ExportedHandler<Env> };
  }
}
