import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Every test file starts from the schema the migrations describe, on a real local D1.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
