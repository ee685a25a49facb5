import { cleanText, rawText } from "../text.ts";
import { EMPTY, refuse, type Normalised } from "./result.ts";

/** Words clerks add to a canonical value: 教育纠纷 for 教育, 诉前阶段 for 诉前. */
const SUFFIXES = ["纠纷", "阶段", "调解"] as const;

type Lookup = Map<string, Normalised<string>>;

/**
 * The comparison key: clean text without any spaces. Clean text already has （） as (), so
 * "法院委派（诉前）" and "法院委派(诉前)" share a key.
 */
function choiceKey(v: unknown): string {
  const s = cleanText(v);
  return s.includes(" ") ? s.replaceAll(" ", "") : s;
}

/**
 * One map per (choices, variants) pair, from every accepted spelling to a shared result. Precedence is built
 * in by insertion order: canonical values, then variants, then canonical + suffix.
 */
function buildLookup(choices: readonly string[], variants: Record<string, string>): Lookup {
  const lookup: Lookup = new Map();
  const results = new Map<string, Normalised<string>>();
  const resultFor = (canonical: string) => {
    let r = results.get(canonical);
    if (!r) results.set(canonical, (r = Object.freeze({ ok: true, value: canonical })));
    return r;
  };
  const add = (spelling: string, canonical: string) => {
    if (!lookup.has(spelling)) lookup.set(spelling, resultFor(canonical));
  };
  for (const c of choices) {
    add(c, c); // as written, so the exact canonical text is one map lookup with no cleaning
    add(choiceKey(c), c);
  }
  for (const [spelling, canonical] of Object.entries(variants)) {
    if (choices.includes(canonical)) add(choiceKey(spelling), canonical);
  }
  for (const c of choices) for (const suffix of SUFFIXES) add(choiceKey(c + suffix), c);
  return lookup;
}

const lookups = new WeakMap<readonly string[], WeakMap<Record<string, string>, Lookup>>();

function lookupFor(choices: readonly string[], variants: Record<string, string>): Lookup {
  let byVariants = lookups.get(choices);
  if (!byVariants) lookups.set(choices, (byVariants = new WeakMap()));
  let lookup = byVariants.get(variants);
  if (!lookup) byVariants.set(variants, (lookup = buildLookup(choices, variants)));
  return lookup;
}

/**
 * A choice cell as its canonical value from `choices`, read through `variants` (CHOICE_VARIANTS) and with a
 * trailing 纠纷/阶段/调解 forgiven. Results are shared, frozen objects: do not mutate them.
 */
export function normaliseChoice(
  v: unknown,
  choices: readonly string[],
  variants: Record<string, string>,
): Normalised<string> {
  if (v === null || v === undefined) return EMPTY;
  const lookup = lookupFor(choices, variants);
  if (typeof v === "string") {
    const direct = lookup.get(v);
    if (direct) return direct;
  }
  const key = choiceKey(v);
  if (key === "") return EMPTY;
  return lookup.get(key) ?? refuse(rawText(v));
}
