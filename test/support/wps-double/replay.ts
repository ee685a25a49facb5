// Replays a transcript recorded in WPS 表格 (addin/hosts/wps/transcript.ts, from the self-test page) against the WPS
// double: the same calls, on the same objects, in the same order, from a workbook seeded as the transcript says; every
// answer (or error) of the double that differs from what WPS answered is reported. The first real WPS run thus checks
// the double: each mismatch is a rule of WPS the double gets wrong (or a WPS build that behaves differently).
import type { Encoded, Transcript, TranscriptEntry } from "../../../addin/hosts/wps/transcript.ts";
import type { WorkbookSeed } from "../excel-double/model.ts";
import { wpsDouble, type WpsDouble } from "./node.ts";

export interface Mismatch {
  /** Index of the entry in the transcript. */
  index: number;
  path: string;
  op: TranscriptEntry["op"];
  member: string;
  args?: Encoded[];
  /** What WPS answered (or {error}). */
  wps: Encoded | { error: string } | undefined;
  /** What the double answered (or {error}). */
  double: Encoded | { error: string } | undefined;
}

export interface ReplayResult {
  entries: number;
  mismatches: Mismatch[];
}

export interface ReplayOptions {
  /** Changes the double before the replay (tests: a double that answers differently must be caught). */
  alter?: (double: WpsDouble) => void;
  /** Wraps the double's Application (tests: answers changed on the way out). */
  wrap?: (app: object) => object;
}

const isRef = (v: unknown): v is { $ref: number } => typeof v === "object" && v !== null && !Array.isArray(v) && "$ref" in v;

export function replayTranscript(transcript: Transcript, options: ReplayOptions = {}): ReplayResult {
  if (transcript.format !== "tiaojie-wps-transcript" || transcript.version !== 1) throw new Error("not a tiaojie WPS transcript (version 1)");
  const double = wpsDouble(transcript.seed as WorkbookSeed);
  options.alter?.(double);
  const app = options.wrap ? options.wrap(double.app) : double.app;
  const handles = new Map<number, unknown>([[0, app]]);
  const mismatches: Mismatch[] = [];

  const decode = (v: Encoded): unknown => {
    if (Array.isArray(v)) return v.map(decode);
    if (v === null || typeof v !== "object") return v;
    if ("$undefined" in v) return undefined;
    if ("$date" in v) return new Date(v.$date);
    if ("$number" in v) return Number(v.$number);
    if ("$ref" in v) return handles.get(v.$ref);
    return undefined;
  };

  // The double's answer encoded as the recorder would have, with its objects matched to WPS's handles.
  const encode = (v: unknown, expected: Encoded | undefined): Encoded => {
    if (v === undefined) return { $undefined: true };
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : { $number: String(v) };
    if (typeof v === "function") return { $function: true };
    if (v instanceof Date) return { $date: v.toISOString() };
    if (Array.isArray(v)) return v.map((x, i) => encode(x, Array.isArray(expected) ? expected[i] : undefined));
    if (typeof v === "object") {
      if (isRef(expected)) {
        handles.set(expected.$ref, v);
        return expected;
      }
      return { $ref: -1 };
    }
    return String(v);
  };

  transcript.entries.forEach((e, index) => {
    const target = handles.get(e.on) as Record<string, unknown> | undefined;
    const wps = e.error !== undefined ? { error: e.error } : e.result;
    const report = (answer: Mismatch["double"]) => mismatches.push({ index, path: e.path, op: e.op, member: e.member, ...(e.args ? { args: e.args } : {}), wps, double: answer });
    if (!target) {
      report({ error: `the double has no object for handle ${e.on}` });
      return;
    }
    let answer: unknown;
    try {
      if (e.op === "get") answer = target[e.member];
      else if (e.op === "set") target[e.member] = decode(e.args?.[0] ?? null);
      else {
        const method = target[e.member];
        if (typeof method !== "function") throw new Error(`${e.member} is not a method of the double's object`);
        answer = (method as (...a: unknown[]) => unknown).apply(target, (e.args ?? []).map(decode));
      }
    } catch (err) {
      if (e.error === undefined) report({ error: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (e.error !== undefined) {
      report(e.op === "set" ? undefined : encode(answer, undefined));
      return;
    }
    if (e.op === "set") return;
    const got = encode(answer, e.result);
    if (JSON.stringify(got) !== JSON.stringify(e.result)) report(got);
  });
  return { entries: transcript.entries.length, mismatches };
}
