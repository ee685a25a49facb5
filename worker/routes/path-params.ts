import { z } from "@hono/zod-openapi";

/**
 * A unit name or case number as one path segment. Never "." or "..": a URL resolves those before the Worker sees
 * it, so the request would reach another route (GET /api/cases/U/.. is GET /api/cases), and the document says so.
 */
export const PathSegment = z
  .string()
  .min(1)
  .max(100)
  .regex(/^(?!\.\.?$)/, "不能是 . 或 .. Must not be . or ..");

export const CaseParams = z.object({ unit: PathSegment, caseNo: PathSegment });
