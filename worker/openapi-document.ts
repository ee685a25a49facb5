/**
 * The parts of the OpenAPI document that belong to no route: its header, the route that serves it, and the answers
 * to requests no route takes (worker/http-methods.ts), which OpenAPI has no place for in a path, so they are named
 * components the document's description points at.
 */
import { z } from "@hono/zod-openapi";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { API_HEADERS, API_TAGS, apiRoute } from "./openapi-route.ts";

/** Names of the answers to requests no route takes; test/worker/helpers.ts checks such answers against them. */
export const UNROUTED = {
  /** A path the document does not list, whatever the method. */
  notFound: "UnknownRoute",
  /** A path it lists, with a method it does not list there (Allow: the listed ones, with HEAD beside GET, and OPTIONS). */
  methodNotAllowed: "MethodNotAllowed",
  /** OPTIONS on a path it lists. */
  options: "AllowedMethods",
} as const;

export const OPENAPI_OBJECT = {
  openapi: "3.1.0",
  info: {
    title: "Tiaojie Ledger API 调解台账接口",
    version: "1.0.0",
    description: [
      "See docs/API.md. Every status, header and body the Worker answers is declared here; its tests check each answer against this document.",
      `A path not listed here answers 404 (components.responses.${UNROUTED.notFound}); a listed path with a method not listed for it answers 405 with Allow (${UNROUTED.methodNotAllowed});`,
      `OPTIONS on a listed path answers 204 with Allow (${UNROUTED.options}); HEAD answers as GET, without the body.`,
    ].join(" "),
  },
  tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
};

/** GET /api/openapi.json itself, declared like every other route (served by app.ts). */
export const openApiDocumentRoute = apiRoute({
  operationId: "getOpenApiDocument",
  tags: ["service"],
  method: "get",
  path: "/api/openapi.json",
  summary: "This document 接口说明 (public)",
  responses: {
    200: {
      description: "The OpenAPI 3.1 document of this API",
      content: { "application/json": { schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }) } },
    },
  },
});

export function registerUnroutedAnswers(registry: OpenAPIRegistry): void {
  const errorContent = (status: number) => ({ "application/json": { schema: { $ref: `#/components/schemas/Error${status}` } } });
  registry.registerComponent("responses", UNROUTED.notFound, {
    description: "No route has this path (not_found)", headers: API_HEADERS, content: errorContent(404),
  });
  registry.registerComponent("responses", UNROUTED.methodNotAllowed, {
    description: "The path exists, not with this method (method_not_allowed); Allow and details.allow list its methods",
    headers: { ...API_HEADERS, Allow: { $ref: "#/components/headers/Allow" } }, content: errorContent(405),
  });
  registry.registerComponent("responses", UNROUTED.options, {
    description: "The methods of this path, in Allow; no body and no CORS headers (the task pane is same-origin)",
    headers: { ...API_HEADERS, Allow: { $ref: "#/components/headers/Allow" } },
  });
}
