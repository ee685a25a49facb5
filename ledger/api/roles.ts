/** Who may call the API (docs/API.md § Roles) and how the API describes the caller. */
import { z } from "zod";
import { MAX_ROWS_PER_CHUNK } from "./push.ts";

export const ROLES = ["clerk", "coordinator", "assessor", "admin", "court"] as const;
export type Role = (typeof ROLES)[number];

/** GET /api/me: the caller, as the token says. */
export const MeSchema = z.object({
  role: z.enum(ROLES),
  /** A clerk's unit; null for the other roles. */
  unit: z.string().nullable(),
  /** null for the ADMIN_TOKEN secret. */
  tokenId: z.number().int().nullable(),
  label: z.string().nullable(),
  /**
   * Rows per push chunk that keep a push request inside the Worker's CPU budget per request (its plan). Clients plan
   * their pushes by it; an older server that does not send it takes chunks of MAX_ROWS_PER_CHUNK.
   */
  pushRowsPerChunk: z.number().int().min(1).max(MAX_ROWS_PER_CHUNK).optional(),
});
export type Me = z.infer<typeof MeSchema>;
