/** 片区 (zones) and the zone competition (分片竞赛) as the API takes and returns them. */
import { z } from "zod";
import { RankedUnitSchema, RANKING_METHODS, WeightsSchema } from "./assessment.ts";
import { refusingProtoKey } from "./json-keys.ts";

const Name = z.string().trim().min(1).max(100);

/**
 * PUT /api/zones: every zone with its towns/streets; replaces the whole assignment. {} clears it. A zone may have any
 * name but "__proto__", which a JSON object cannot carry safely (json-keys.ts).
 */
export const ZonesBodySchema = z.object({
  zones: refusingProtoKey(
    z.record(Name, z.array(Name).max(500)),
    `片区名称不能是“__proto__”（JSON 无法可靠地传递这个键），请换一个名称 A zone cannot be named "__proto__" (JSON cannot carry that key reliably); choose another name`,
  ),
});
export type ZonesBody = z.infer<typeof ZonesBodySchema>;

/** GET /api/zones and the answer to PUT: zone → towns, in the zone's name order. */
export const ZonesSchema = z.object({ zones: z.record(z.string(), z.array(z.string())) });
export type Zones = z.infer<typeof ZonesSchema>;

/** GET /api/competition?period=: each zone's towns ranked inside it, beside their district rank. */
export const CompetitionSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  method: z.enum(RANKING_METHODS),
  weights: WeightsSchema,
  zones: z.array(z.object({
    zone: z.string(),
    units: z.array(RankedUnitSchema.extend({ zoneRank: z.number().int().nullable(), districtRank: z.number().int().nullable() })),
  })),
  /** Towns/streets in no zone: ranked district-wide only. */
  unzoned: z.array(z.string()),
  /** The district-wide ranking of towns/streets (全区比赛). */
  district: z.array(RankedUnitSchema),
});
export type Competition = z.infer<typeof CompetitionSchema>;
