/**
 * A recording of what WPS 表格 answered, for the self-test an office runs (/wps/selftest.html): `recordTranscript(app)`
 * gives an Application that behaves exactly like `app` but writes down every property read, property write and method
 * call — the object it was made on (by a handle and a readable path), the arguments, and WPS's answer or error. The
 * transcript is plain JSON to copy and send back; the WPS double replays it (test/support/wps-double/replay.ts) and
 * reports every answer that differs, so the first real WPS run checks the double.
 *
 * Values are encoded so JSON keeps what matters here: `undefined` (as WPS may give an empty cell) is
 * {"$undefined": true}, a Date {"$date": ISO}, a non-finite number {"$number": "NaN"}, a WPS object {"$ref": handle}.
 */
import type { WpsApplication } from "./wps-api.ts";

/**
 * The workbook before the recording, in the shape the WPS double is seeded with: every sheet by name, in tab order, and
 * the active one. Cell values are left out (a clerk's ledger is not sent back): the self-test reads and writes only the
 * scratch sheet it adds, so those are all the double needs.
 */
export interface WorkbookSeedLike {
  sheets: { name: string; values: (string | number | boolean | null)[][] }[];
  activeSheet?: string;
}

export type Encoded = null | boolean | number | string | Encoded[] | { $undefined: true } | { $date: string } | { $number: string } | { $ref: number } | { $function: true };

export interface TranscriptEntry {
  /** Handle of the object the call was made on: 0 is the Application. */
  on: number;
  /** How that object was reached, for people: "Application.ActiveWorkbook.Worksheets.Item(1)". */
  path: string;
  op: "get" | "set" | "call";
  member: string;
  /** The arguments of a call, or the value written by a set. */
  args?: Encoded[];
  /** WPS's answer (a get or call); absent for a set that went through. */
  result?: Encoded;
  /** WPS threw: its message. */
  error?: string;
}

export interface Transcript {
  format: "tiaojie-wps-transcript";
  version: 1;
  /** Where and when it was recorded (free text the page fills in: WPS version, OS …). */
  about?: Record<string, string>;
  /** The workbook as it was before the first entry, as far as the recording needs it. */
  seed: WorkbookSeedLike;
  entries: TranscriptEntry[];
}

export interface Recorder<T> {
  /** Use this in place of the Application: every call is recorded. */
  app: T;
  entries: TranscriptEntry[];
}

const MAX_PATH = 200;

function describeArgs(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "string" ? JSON.stringify(a) : typeof a === "number" || typeof a === "boolean" ? String(a) : a === undefined ? "" : "…")).join(", ");
}

/** Wraps `app` so every read, write and call is recorded in `entries`. The answers are WPS's own, unchanged. */
export function recordTranscript<T extends object>(app: T): Recorder<T> {
  const entries: TranscriptEntry[] = [];
  const handleOf = new WeakMap<object, number>();
  /** A recording wrapper → the WPS object it stands for, so WPS gets its own objects back as arguments. */
  const realOf = new WeakMap<object, object>();
  let next = 0;

  const encode = (v: unknown, depth = 0): Encoded => {
    if (v === undefined) return { $undefined: true };
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : { $number: String(v) };
    if (typeof v === "function") return { $function: true };
    if (v instanceof Date) return { $date: v.toISOString() };
    if (Array.isArray(v) && depth < 3) return v.map((x) => encode(x, depth + 1));
    if (typeof v === "object") return { $ref: handleOf.get(v) ?? -1 };
    return String(v);
  };

  const unwrap = (v: unknown): unknown => (v !== null && typeof v === "object" && realOf.has(v) ? realOf.get(v) : v);

  /** Wraps an object WPS handed out: a new handle, a path for people. */
  const wrap = (real: object, path: string): object => {
    const handle = next++;
    const proxy: object = new Proxy(real, {
      get(target, prop) {
        if (typeof prop === "symbol") return Reflect.get(target, prop);
        let value: unknown;
        try {
          value = Reflect.get(target, prop);
        } catch (e) {
          entries.push({ on: handle, path, op: "get", member: prop, error: messageOf(e) });
          throw e;
        }
        if (typeof value === "function") {
          return (...args: unknown[]) => {
            const entry: TranscriptEntry = { on: handle, path, op: "call", member: prop, args: args.map((a) => encode(a)) };
            entries.push(entry);
            try {
              const answer = (value as (...a: unknown[]) => unknown).apply(target, args.map(unwrap));
              entry.result = answerOf(answer, `${path}.${prop}(${describeArgs(args)})`);
              return wrapped(answer, `${path}.${prop}(${describeArgs(args)})`);
            } catch (e) {
              entry.error = messageOf(e);
              throw e;
            }
          };
        }
        const entry: TranscriptEntry = { on: handle, path, op: "get", member: prop };
        entries.push(entry);
        entry.result = answerOf(value, `${path}.${prop}`);
        return wrapped(value, `${path}.${prop}`);
      },
      set(target, prop, value) {
        if (typeof prop === "symbol") return Reflect.set(target, prop, value);
        const entry: TranscriptEntry = { on: handle, path, op: "set", member: prop, args: [encode(value)] };
        entries.push(entry);
        try {
          (target as Record<string, unknown>)[prop] = unwrap(value);
        } catch (e) {
          entry.error = messageOf(e);
          throw e;
        }
        return true;
      },
    });
    handleOf.set(proxy, handle);
    handleOf.set(real, handle);
    realOf.set(proxy, real);
    return proxy;
  };

  // An answer that is a WPS object is wrapped once: the entry names the handle its later calls are made on.
  const pending = new Map<unknown, object>();
  const answerOf = (value: unknown, path: string): Encoded => {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
      const proxy = wrap(value, path.length > MAX_PATH ? `…${path.slice(-MAX_PATH)}` : path);
      pending.set(value, proxy);
      return { $ref: handleOf.get(proxy)! };
    }
    return encode(value);
  };
  const wrapped = (value: unknown, _path: string): unknown => {
    const proxy = pending.get(value);
    if (proxy) {
      pending.delete(value);
      return proxy;
    }
    return value;
  };

  return { app: wrap(app, "Application") as T, entries };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The seed of a transcript: the sheets' names and the active sheet, asked of WPS before recording starts. */
export function describeWorkbook(app: WpsApplication): WorkbookSeedLike {
  const sheets = app.ActiveWorkbook?.Worksheets;
  const count = sheets?.Count ?? 0;
  const out: WorkbookSeedLike = { sheets: [] };
  for (let i = 1; i <= count; i++) out.sheets.push({ name: sheets!.Item(i).Name, values: [] });
  const active = app.ActiveSheet?.Name;
  if (active) out.activeSheet = active;
  return out;
}
