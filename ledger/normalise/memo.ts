import type { Normalised } from "./result.ts";

/**
 * Remembers what a normaliser made of a piece of text. Ledgers repeat the same few hundred dates and amounts
 * thousands of times, and a lookup is far cheaper than parsing again. Results are frozen because they are shared;
 * the memo is emptied when it grows past `limit`, so memory stays bounded whatever the input.
 */
export function memoByText<T>(parse: (s: string) => Normalised<T>, limit = 20_000): (s: string) => Normalised<T> {
  const memo = new Map<string, Normalised<T>>();
  return (s) => {
    let r = memo.get(s);
    if (r === undefined) {
      if (memo.size >= limit) memo.clear();
      r = Object.freeze(parse(s)) as Normalised<T>;
      memo.set(s, r);
    }
    return r;
  };
}
