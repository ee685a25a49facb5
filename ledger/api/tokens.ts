/** Access tokens as the admin routes take and show them (never a stored hash; the token itself only once). */
import { z } from "zod";
import { ROLES } from "./roles.ts";

export const TokenInfoSchema = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  unit: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;
export const TokensSchema = z.object({ tokens: z.array(TokenInfoSchema) });

export const NewTokenSchema = z
  .object({
    role: z.enum(ROLES),
    unit: z.string().trim().min(1).max(100).optional(),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .refine((t) => (t.role === "clerk") === (t.unit !== undefined), {
    message: "clerk 令牌必须指定单位，其他角色不能指定 A clerk token needs a unit; other roles take none",
    path: ["unit"],
  });

export const CreatedTokenSchema = TokenInfoSchema.omit({ revokedAt: true }).extend({
  token: z.string().describe("The token itself; shown only in this response"),
});
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

export const RevokedTokenSchema = z.object({ id: z.number().int(), revokedAt: z.string() });
