import { cleanText } from "../text.ts";
import { EMPTY, accept, type Normalised } from "./result.ts";

/** A free-text cell, cleaned (see cleanText); empty → null. Never refuses. */
export function normaliseText(v: unknown): Normalised<string> {
  const s = cleanText(v);
  return s === "" ? EMPTY : accept(s);
}
