import type { Role } from "../db/tokens.ts";

/** Who is calling: resolved from the bearer token on every request (never cached, so revocation is immediate). */
export interface Principal {
  role: Role;
  /** null for the ADMIN_TOKEN secret. */
  tokenId: number | null;
  label: string | null;
  /** A clerk's unit; null for the other roles. */
  unitId: number | null;
  unit: string | null;
}
