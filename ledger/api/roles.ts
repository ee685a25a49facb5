/** Who may call the API (docs/API.md § Roles) and how the API describes the caller. */
import { z } from "zod";

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
});
export type Me = z.infer<typeof MeSchema>;
