/** Units (towns/streets, departments, the centre) as the API lists and creates them. */
import { z } from "zod";
import { cleanText } from "../text.ts";

export const UNIT_KINDS = ["town", "department", "centre"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UnitSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(UNIT_KINDS), createdAt: z.string() });
export type Unit = z.infer<typeof UnitSchema>;
export const UnitsSchema = z.object({ units: z.array(UnitSchema) });

export const NewUnitSchema = z.object({
  // Cleaned as ledger cells are (zero-width and direction marks gone, spaces collapsed, full-width narrowed), so a
  // name pasted with an invisible character is the unit the ledgers' 承办单位 column names.
  name: z.string().max(1000).transform(cleanText).pipe(z.string().min(1).max(100)).meta({ example: "南埔镇" }),
  kind: z.enum(UNIT_KINDS),
});
