// The document's patterns for ?period=, ?asOf=, ?dueWithinDays= and the trend's ?from=/?to= against what the Worker
// takes (the zod schemas its routes validate with): a value the Worker takes is one the document allows, and a value
// the document allows is one the Worker takes — but for years after next year, a bound that moves with the clock and
// that the document therefore says in words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../worker/app.ts";
import { AsOfQuery, PeriodQuery } from "../../ledger/api/assessment.ts";
import { DueWithinDaysQuery } from "../../ledger/api/flags.ts";
import { TrendQuery } from "../../ledger/api/trend.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { OpenApiValidator, type Json, type OpenApiDocument } from "../support/openapi-validator.ts";

const doc = openApiDocument() as unknown as OpenApiDocument;
const validator = new OpenApiValidator(doc);
const nextYear = Number(todayInChina().slice(0, 4)) + 1;

function parameterSchema(path: string, name: string) {
  const op = doc.paths[path].get as { parameters: { name: string; schema: Json }[] };
  const p = op.parameters.find((x) => x.name === name);
  if (!p) throw new Error(`${path} has no parameter ${name}`);
  return p.schema as { [k: string]: Json };
}

/**
 * Whether a client following the document may send `text` as this query value. An integer is sent as a number prints
 * ("-0" is not one: -0 prints as "0").
 */
function documentAllows(schema: { [k: string]: Json }, text: string): boolean {
  if (schema.type === "integer") return /^(0|-?[1-9]\d*)$/.test(text) && validator.check(schema, Number(text), "q", false).length === 0;
  return validator.check(schema, text, "q", false).length === 0;
}

const leadingYear = (text: string) => Number(/^(\d{4})/.exec(text)?.[1] ?? NaN);

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const year = fc.oneof(fc.integer({ min: 1890, max: 2110 }).map(String), digits(1, 5));
const twoDigits = fc.oneof(fc.integer({ min: 0, max: 33 }).map((n) => String(n).padStart(2, "0")), digits(1, 3));
const quarter = fc.tuple(fc.constantFrom("Q", "q", "Ｑ", "S"), fc.integer({ min: 0, max: 5 })).map(([q, n]) => `${q}${n}`);
const space = fc.constantFrom("", "", "", " ", "\t", "\u3000");
const separator = fc.constantFrom("-", "-", "-", "/", ".", "");
const periodLike = fc.oneof(
  year,
  fc.tuple(year, twoDigits).map(([y, m]) => `${y}-${m}`),
  fc.tuple(year, quarter).map(([y, q]) => `${y}-${q}`),
  fc.tuple(space, year, separator, fc.oneof(twoDigits, quarter), space).map((parts) => parts.join("")),
  fc.string({ maxLength: 12 }),
);
const dayLike = fc.oneof(
  fc.tuple(year, twoDigits, twoDigits).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.tuple(fc.integer({ min: 1999, max: 2101 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 27, max: 31 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${d}`),
  fc.tuple(space, year, separator, twoDigits, separator, twoDigits, space).map((parts) => parts.join("")),
  fc.string({ maxLength: 12 }),
);
const daysLike = fc.oneof(fc.integer({ min: -20, max: 10_000 }).map(String), fc.tuple(space, digits(0, 5), fc.constantFrom("", "d", ".0", "e1")).map((p) => p.join("")), fc.string({ maxLength: 6 }));

/** The Worker and the document agree on `text`, but for a year the document cannot bound. */
function agree(schema: { [k: string]: Json }, server: (text: string) => boolean, text: string): void {
  const allowed = documentAllows(schema, text);
  const taken = server(text);
  if (taken) expect(allowed, `the Worker takes ${JSON.stringify(text)}, the document refuses it`).toBe(true);
  else if (allowed) expect(leadingYear(text), `the document allows ${JSON.stringify(text)}, the Worker refuses it`).toBeGreaterThan(nextYear);
}

describe("the document's query patterns are the Worker's", () => {
  it("allows exactly the periods the Worker takes (2026-05, 2026-Q2, 2026; not 2026-13, 2026-Q5, ' 2026' or 1999)", () => {
    const schema = parameterSchema("/api/rankings", "period");
    const server = (t: string) => PeriodQuery.safeParse(t).success;
    for (const t of ["2026-05", "2026-Q2", "2026-q2", "2026", "2000-01", "2026-13", "2026-Q5", " 2026", "1999", "abcd", "2026-00"]) agree(schema, server, t);
    fc.assert(fc.property(periodLike, (t) => agree(schema, server, t)), { numRuns: 3000 });
  });

  it("allows exactly the as-of days the Worker takes: real calendar days, none like 2026-02-30 or 0431-00-68", () => {
    const schema = parameterSchema("/api/rankings", "asOf");
    const server = (t: string) => AsOfQuery.safeParse(t).success;
    for (const t of ["2026-10-01", "2024-02-29", "2025-02-29", "2026-02-30", "2026-04-31", "0431-00-68", "2026-1-1", "1970-01-01"]) agree(schema, server, t);
    fc.assert(fc.property(dayLike, (t) => agree(schema, server, t)), { numRuns: 3000 });
  });

  it("allows exactly the dueWithinDays the Worker takes: whole days 0 to 366, not 9999", () => {
    const schema = parameterSchema("/api/flags", "dueWithinDays");
    const server = (t: string) => DueWithinDaysQuery.safeParse(t).success;
    for (const t of ["0", "7", "366", "367", "9999", "-1", "-0", "07", "1.5", ""]) agree(schema, server, t);
    fc.assert(fc.property(daysLike, (t) => agree(schema, server, t)), { numRuns: 3000 });
  });

  it("allows exactly the trend's from and to the Worker reads: months and quarters, matched as written (no /i)", () => {
    for (const name of ["from", "to"] as const) {
      const schema = parameterSchema("/api/rankings/trend", name);
      const server = (t: string) => TrendQuery.shape[name].safeParse(t).success;
      for (const t of ["2026-01", "2026-Q1", "2026-q4", "2026-13", "2026", "2026-Q0"]) agree(schema, server, t);
      expect(documentAllows(schema, "2026-01")).toBe(true);
      fc.assert(fc.property(periodLike, (t) => agree(schema, server, t)), { numRuns: 2000 });
    }
  });
});
