import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";
import { limitRequestBody } from "./body-limit.ts";
import { apiResponseHeaders } from "./api-headers.ts";
import { handleError, validationHook } from "./errors.ts";
import { unroutedHandler } from "./http-methods.ts";
import { todayFromEnv } from "./today-from-env.ts";
import { OPENAPI_OBJECT, openApiDocumentRoute, registerUnroutedAnswers } from "./openapi-document.ts";
import { registerApiComponents } from "./openapi-route.ts";
import { caseRoutes } from "./routes/cases.ts";
import { healthRoutes } from "./routes/health.ts";
import { meRoutes } from "./routes/me.ts";
import { pushRoutes } from "./routes/pushes.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import { unitRoutes } from "./routes/units.ts";
import { assessmentRoutes } from "./routes/assessments.ts";
import { flagRoutes } from "./routes/flags.ts";
import { rankingRoutes } from "./routes/rankings.ts";
import { mentorRoutes } from "./routes/mentors.ts";
import { rosterRoutes } from "./routes/roster.ts";
import { subsidyRoutes } from "./routes/subsidies.ts";
import { mediatorResultRoutes } from "./routes/mediator-results.ts";
import { competitionRoutes } from "./routes/competition.ts";
import { visitRoutes } from "./routes/visits.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { routingRoutes } from "./routes/routing.ts";
import { limitRoutes } from "./routes/limits.ts";
import { officeProfileRoutes } from "./routes/office-profile.ts";
import { courtRoutes } from "./routes/court.ts";
import { digestRoutes } from "./routes/digest.ts";
import { statsRoutes } from "./routes/stats.ts";

export const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.onError(handleError);
app.notFound(unroutedHandler(() => app.routes));
app.use("/api/*", todayFromEnv, apiResponseHeaders, limitRequestBody);

app.route("/", healthRoutes);
app.route("/", meRoutes);
app.route("/", unitRoutes);
app.route("/", tokenRoutes);
app.route("/", pushRoutes);
app.route("/", caseRoutes);
app.route("/", rankingRoutes);
app.route("/", assessmentRoutes);
app.route("/", flagRoutes);
app.route("/", rosterRoutes);
app.route("/", mentorRoutes);
app.route("/", subsidyRoutes);
app.route("/", mediatorResultRoutes);
app.route("/", competitionRoutes);
app.route("/", visitRoutes);
app.route("/", reviewRoutes);
app.route("/", routingRoutes);
app.route("/", limitRoutes);
app.route("/", officeProfileRoutes);
app.route("/", courtRoutes);
app.route("/", digestRoutes);
app.route("/", statsRoutes);

registerApiComponents(app.openAPIRegistry);
registerUnroutedAnswers(app.openAPIRegistry);
app.openAPIRegistry.registerPath(openApiDocumentRoute);

/** The document served at GET /api/openapi.json; tests build it with this too (test/contract/). */
let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
export function openApiDocument() {
  document ??= app.getOpenAPI31Document(OPENAPI_OBJECT);
  return document;
}

// Built per request like any answer, so a failure is the API's 500 (errors.ts), not the generator's own object.
app.get("/api/openapi.json", (c) => c.json(openApiDocument()));
