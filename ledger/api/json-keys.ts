/**
 * JSON objects whose keys are text someone typed: 片区 names, stages, indicators. JSON.parse keeps a key "__proto__"
 * as an ordinary own property, but zod's records drop it without a word and assigning it to a plain object sets that
 * object's prototype instead. So a body carrying such a key would be stored as something other than what was sent
 * (`PUT /api/zones {"__proto__": […]}` cleared every zone): it is refused, by name, before zod reads the object.
 * Every other name (`constructor`, `toString` …) is an ordinary key here; code that uses them keys a Map.
 */
import { z } from "zod";

export const PROTO_KEY = "__proto__";

/** The keys of a JSON object as they were sent, "__proto__" included; none for anything else. */
export function sentKeys(value: unknown): string[] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
}

/**
 * `record` with a key "__proto__" (or one that trims to it, as a trimmed key schema would make it) refused with
 * `message` at that key's path. The record's own schema is what the OpenAPI document shows.
 */
export function refusingProtoKey<T extends z.ZodType>(record: T, message: string) {
  return z.preprocess((raw, ctx) => {
    for (const key of sentKeys(raw)) if (key.trim() === PROTO_KEY) ctx.addIssue({ code: "custom", path: [key], message, input: raw });
    return raw;
  }, record);
}
