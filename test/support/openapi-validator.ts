/**
 * Checks an answer of the Worker against its OpenAPI document (GET /api/openapi.json): the status is declared for
 * the operation the request reached, every header the Worker set is declared (and each required one is there and
 * fits its schema), and the body fits the schema of that status. Requests no operation takes are held to the
 * document's unrouted answers (worker/openapi-document.ts): 404, 405 and OPTIONS, with Allow naming exactly the
 * methods the document lists for the path.
 *
 * The schemas are checked by a small JSON Schema (2020-12) interpreter covering what the document uses; a keyword
 * or format it does not know is an error, so a document that starts using one fails loudly instead of being
 * waved through. One rule is stricter than JSON Schema: in an answer, an object whose schema lists properties and
 * says nothing of others may carry only those (the document names every field the Worker sends; clients may still
 * ignore fields they do not know).
 *
 * Pure TypeScript: runs in workerd (test/worker/helpers.ts) and in Node (test/contract/).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = boolean | { [keyword: string]: unknown };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** One request and the Worker's answer to it. */
export interface Exchange {
  method: string;
  /** The request URL (only its path is used). */
  url: string;
  status: number;
  headers: Iterable<[string, string]>;
  /** The answer's body as text ("" when there is none). */
  body: string;
}

/** Headers of the transport, not of the API: never declared in an OpenAPI document. */
const TRANSPORT_HEADERS = new Set(["content-type", "content-length", "transfer-encoding", "date", "connection", "keep-alive"]);

/** The answers to requests no operation takes (worker/openapi-document.ts UNROUTED). */
const UNROUTED = { notFound: "UnknownRoute", methodNotAllowed: "MethodNotAllowed", options: "AllowedMethods" } as const;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Keywords that describe and constrain nothing. */
const ANNOTATIONS = new Set(["description", "example", "examples", "default", "title", "deprecated", "readOnly", "writeOnly", "$comment", "summary"]);

export class OpenApiMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpenApiMismatch";
  }
}

/** What the request reached: an operation of the document, or one of its unrouted answers. */
interface Target {
  /** How the mismatch message names it: "GET /api/cases/{unit}/{caseNo}" or "unrouted GET /api/x". */
  label: string;
  responses: Record<string, unknown>;
  /** For 405 and OPTIONS: the Allow header the document implies. */
  allow?: string;
  /** HEAD: the GET operation's answer without its body. */
  bodyless: boolean;
}

export class OpenApiValidator {
  private readonly doc: OpenApiDocument;
  private readonly templates: { template: string; segments: (string | null)[]; literals: number }[];

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
    this.templates = Object.keys(doc.paths).map((template) => {
      const segments = template.split("/").map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
      return { template, segments, literals: segments.filter((s) => s !== null).length };
    });
  }

  /** Every way the exchange departs from the document; [] when it does not. */
  problems(x: Exchange): string[] {
    const pathname = new URL(x.url, "http://ledger.test").pathname;
    const target = this.target(x.method.toUpperCase(), pathname);
    const out: string[] = [];
    const response = target.responses[String(x.status)];
    if (response === undefined) {
      return [`${target.label}: status ${x.status} is not declared (declared: ${Object.keys(target.responses).join(", ")})`];
    }
    const declared = this.resolve(response) as { headers?: Record<string, unknown>; content?: Record<string, { schema?: Schema }> };
    const say = (what: string) => out.push(`${target.label} → ${x.status}: ${what}`);

    const headers = new Map<string, string>();
    for (const [name, value] of x.headers) headers.set(name.toLowerCase(), value);
    const declaredHeaders = new Map<string, { required?: boolean; schema?: Schema }>();
    for (const [name, h] of Object.entries(declared.headers ?? {})) declaredHeaders.set(name.toLowerCase(), this.resolve(h) as { required?: boolean; schema?: Schema });
    for (const [name, value] of headers) {
      if (TRANSPORT_HEADERS.has(name)) continue;
      const h = declaredHeaders.get(name);
      if (!h) {
        say(`header ${name} is not declared`);
        continue;
      }
      for (const p of this.check(h.schema ?? true, value, `header ${name}`, false)) say(p);
    }
    for (const [name, h] of declaredHeaders) if (h.required && !headers.has(name)) say(`required header ${name} is missing`);
    if (target.allow !== undefined && headers.has("allow") && headers.get("allow") !== target.allow) {
      say(`Allow is "${headers.get("allow")}", the document implies "${target.allow}"`);
    }

    if (target.bodyless) {
      if (x.body !== "") say("a HEAD answer has a body");
      return out;
    }
    const content = declared.content;
    if (!content || Object.keys(content).length === 0) {
      if (x.body !== "") say(`no body is declared, got ${JSON.stringify(x.body.slice(0, 80))}`);
      return out;
    }
    const type = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    const media = content[type];
    if (!media) {
      say(`content type "${type}" is not declared (declared: ${Object.keys(content).join(", ")})`);
      return out;
    }
    let body: Json;
    try {
      body = JSON.parse(x.body) as Json;
    } catch {
      say(`body is not JSON: ${JSON.stringify(x.body.slice(0, 80))}`);
      return out;
    }
    for (const p of this.check(media.schema ?? true, body, "body", true)) say(p);
    return out;
  }

  /** Throws an OpenApiMismatch naming method, path and every mismatch. */
  assert(x: Exchange): void {
    const problems = this.problems(x);
    if (problems.length > 0) {
      const shown = problems.slice(0, 20);
      const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : "";
      throw new OpenApiMismatch(`${x.method} ${readable(x.url)}: the answer is not what GET /api/openapi.json declares:\n  ${shown.join("\n  ")}${more}`);
    }
  }

  private target(method: string, pathname: string): Target {
    const segments = pathname.split("/");
    const matching = this.templates.filter((t) => t.segments.length === segments.length && t.segments.every((s, i) => s === null ? segments[i] !== "" : s === segments[i]));
    const lookup = method === "HEAD" ? "get" : method.toLowerCase();
    const withMethod = matching.filter((t) => this.doc.paths[t.template][lookup] !== undefined).sort((a, b) => b.literals - a.literals);
    if (withMethod.length > 0) {
      const t = withMethod[0];
      const op = this.doc.paths[t.template][lookup] as { responses: Record<string, unknown> };
      return { label: `${method} ${t.template}`, responses: op.responses, bodyless: method === "HEAD" };
    }
    const component = (name: string) => {
      const r = this.doc.components?.responses?.[name];
      if (r === undefined) throw new OpenApiMismatch(`the document has no components.responses.${name} for requests no route takes`);
      return r;
    };
    if (matching.length === 0) {
      return { label: `unrouted ${method} ${pathname}`, responses: { 404: component(UNROUTED.notFound) }, bodyless: method === "HEAD" };
    }
    const methods = new Set<string>();
    for (const t of matching) for (const m of METHODS) if (this.doc.paths[t.template][m] !== undefined) methods.add(m.toUpperCase());
    if (methods.has("GET")) methods.add("HEAD");
    methods.add("OPTIONS");
    const allow = [...methods].sort().join(", ");
    const label = `unrouted ${method} ${matching.map((t) => t.template).join(" | ")}`;
    if (method === "OPTIONS") return { label, responses: { 204: component(UNROUTED.options) }, allow, bodyless: false };
    return { label, responses: { 405: component(UNROUTED.methodNotAllowed) }, allow, bodyless: method === "HEAD" };
  }

  private resolve(node: unknown): unknown {
    let n = node;
    for (let hops = 0; n && typeof n === "object" && "$ref" in n; hops++) {
      if (hops > 20) throw new OpenApiMismatch(`$ref loop at ${String((node as { $ref: unknown }).$ref)}`);
      const ref = (n as { $ref: unknown }).$ref;
      if (typeof ref !== "string" || !ref.startsWith("#/")) throw new OpenApiMismatch(`unsupported $ref ${String(ref)}`);
      let at: unknown = this.doc;
      for (const part of ref.slice(2).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))) {
        at = at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
      }
      if (at === undefined) throw new OpenApiMismatch(`$ref ${ref} points at nothing`);
      n = at;
    }
    return n;
  }

  /** Problems of `value` against `schema`, each prefixed with where in the value it lies. */
  check(schema: Schema, value: Json, at: string, closed: boolean): string[] {
    const out: string[] = [];
    this.walk(schema, value, at, closed, out);
    return out;
  }

  private walk(schemaNode: Schema, value: Json, at: string, closed: boolean, out: string[]): void {
    const schema = this.resolve(schemaNode) as Schema;
    if (schema === true) return;
    if (schema === false) {
      out.push(`${at}: nothing is allowed here, got ${preview(value)}`);
      return;
    }
    for (const k of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(k) && !ANNOTATIONS.has(k) && !k.startsWith("x-")) {
        throw new OpenApiMismatch(`${at}: the validator does not know the keyword "${k}" (test/support/openapi-validator.ts)`);
      }
    }
    const s = schema as Record<string, unknown>;
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => isType(value, t))) {
        out.push(`${at}: expected ${types.join(" | ")}, got ${preview(value)}`);
        return;
      }
    }
    if (s.enum !== undefined && !(s.enum as Json[]).some((e) => sameJson(e, value))) {
      out.push(`${at}: ${preview(value)} is not one of ${(s.enum as Json[]).map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if ("const" in s && !sameJson(s.const as Json, value)) out.push(`${at}: expected ${JSON.stringify(s.const)}, got ${preview(value)}`);
    if (typeof value === "string") this.checkString(s, value, at, out);
    if (typeof value === "number") checkNumber(s, value, at, out);
    if (Array.isArray(value)) {
      if (typeof s.minItems === "number" && value.length < s.minItems) out.push(`${at}: ${value.length} items, fewer than ${s.minItems}`);
      if (typeof s.maxItems === "number" && value.length > s.maxItems) out.push(`${at}: ${value.length} items, more than ${s.maxItems}`);
      if (s.items !== undefined) value.forEach((v, i) => this.walk(s.items as Schema, v, `${at}[${i}]`, closed, out));
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) this.checkObject(s, value, at, closed, out);
    if (s.allOf !== undefined) for (const sub of s.allOf as Schema[]) this.walk(sub, value, at, false, out);
    for (const key of ["anyOf", "oneOf"] as const) {
      if (s[key] === undefined) continue;
      const branches = (s[key] as Schema[]).map((sub) => this.check(sub, value, at, closed));
      const fits = branches.filter((b) => b.length === 0).length;
      if (fits === 0) out.push(`${at}: fits none of ${key}: ${branches.map((b) => b[0]).join(" / ")}`);
      else if (key === "oneOf" && fits > 1) out.push(`${at}: fits ${fits} branches of oneOf, not one`);
    }
  }

  private checkString(s: Record<string, unknown>, value: string, at: string, out: string[]): void {
    const length = [...value].length;
    if (typeof s.minLength === "number" && length < s.minLength) out.push(`${at}: ${preview(value)} is shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && length > s.maxLength) out.push(`${at}: ${preview(value)} is longer than ${s.maxLength}`);
    if (typeof s.pattern === "string" && !pattern(s.pattern).test(value)) out.push(`${at}: ${preview(value)} does not match /${s.pattern}/`);
    if (typeof s.format === "string") {
      const test = FORMATS[s.format];
      if (!test) throw new OpenApiMismatch(`${at}: the validator does not know the format "${s.format}" (test/support/openapi-validator.ts)`);
      if (!test(value)) out.push(`${at}: ${preview(value)} is not a ${s.format}`);
    }
  }

  private checkObject(s: Record<string, unknown>, value: { [key: string]: Json }, at: string, closed: boolean, out: string[]): void {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const name of (s.required ?? []) as string[]) if (!Object.hasOwn(value, name)) out.push(`${at}: required property "${name}" is missing`);
    const keys = Object.keys(value);
    if (typeof s.minProperties === "number" && keys.length < s.minProperties) out.push(`${at}: ${keys.length} properties, fewer than ${s.minProperties}`);
    if (typeof s.maxProperties === "number" && keys.length > s.maxProperties) out.push(`${at}: ${keys.length} properties, more than ${s.maxProperties}`);
    // In an answer, listed properties and no word on others means: only these (see the top of this file).
    const others: Schema | undefined = s.additionalProperties !== undefined ? (s.additionalProperties as Schema)
      : closed && s.properties !== undefined ? false : undefined;
    for (const key of keys) {
      const where = `${at}.${key}`;
      if (Object.hasOwn(properties, key)) this.walk(properties[key], value[key], where, closed, out);
      else if (s.propertyNames !== undefined && this.check(s.propertyNames as Schema, key, `${at} key`, closed).length > 0) out.push(`${where}: key not allowed by propertyNames`);
      else if (others === false) out.push(`${where}: property "${key}" is not in the document`);
      else if (others !== undefined) this.walk(others, value[key], where, closed, out);
    }
  }
}

const KNOWN_KEYWORDS = new Set([
  "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "minProperties", "maxProperties",
  "items", "minItems", "maxItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "anyOf", "oneOf", "allOf",
]);

const FORMATS: Record<string, (s: string) => boolean> = {
  date: (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(2000, mo - 1, d));
    day.setUTCFullYear(y);
    return mo >= 1 && mo <= 12 && d >= 1 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
  },
  "date-time": (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
};

const patterns = new Map<string, RegExp>();
/** A document pattern as ECMA-262 reads it (with Unicode semantics where the pattern allows them). */
function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    try {
      re = new RegExp(source, "u");
    } catch {
      re = new RegExp(source);
    }
    patterns.set(source, re);
  }
  return re;
}

function isType(value: Json, type: string): boolean {
  switch (type) {
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    case "string": return typeof value === "string";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "array": return Array.isArray(value);
    case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
    default: throw new OpenApiMismatch(`unknown type "${type}"`);
  }
}

function checkNumber(s: Record<string, unknown>, value: number, at: string, out: string[]): void {
  if (typeof s.minimum === "number" && value < s.minimum) out.push(`${at}: ${value} is below the minimum ${s.minimum}`);
  if (typeof s.maximum === "number" && value > s.maximum) out.push(`${at}: ${value} is above the maximum ${s.maximum}`);
  if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) out.push(`${at}: ${value} is not above ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) out.push(`${at}: ${value} is not below ${s.exclusiveMaximum}`);
  if (typeof s.multipleOf === "number" && !Number.isInteger(value / s.multipleOf)) out.push(`${at}: ${value} is not a multiple of ${s.multipleOf}`);
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The URL as a person reads it: 山腰街道, not %E5%B1%B1…. */
function readable(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function preview(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
