/** An object keyed by some of a fixed list of keys (ledger columns, domains), as the API takes and returns it. */
import { z } from "zod";

/**
 * Some of `keys`, each with a `value`; any other key is refused (zod's partialRecord does so), and the OpenAPI
 * document says it (`additionalProperties: false`), which the generator leaves out for a record.
 */
export function keyedRecord<K extends string, V extends z.ZodType>(keys: readonly [K, ...K[]], value: V) {
  return z.partialRecord(z.enum(keys), value).meta({ additionalProperties: false });
}
