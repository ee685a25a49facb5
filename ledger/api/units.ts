/** Units (towns/streets, departments, the centre) as the API lists and creates them. */
import { z } from "zod";

export const UNIT_KINDS = ["town", "department", "centre"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UnitSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(UNIT_KINDS), createdAt: z.string() });
export type Unit = z.infer<typeof UnitSchema>;
export const UnitsSchema = z.object({ units: z.array(UnitSchema) });

export const NewUnitSchema = z.object({
  name: z.string().trim().min(1).max(100).meta({ example: "南埔镇" }),
  kind: z.enum(UNIT_KINDS),
});
