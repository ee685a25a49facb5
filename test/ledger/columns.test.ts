import { describe, expect, it } from "vitest";
import { COLUMNS, COLUMN_KEYS, columnIndex, columnLetter } from "../../ledger/columns.ts";

describe("the column catalogue", () => {
  it("describes every canonical column exactly once", () => {
    expect(COLUMNS.map((c) => c.key)).toEqual([...COLUMN_KEYS]);
  });

  it("never gives two columns the same header or synonym, so a header maps to one column", () => {
    const seen = new Map<string, string>();
    for (const c of COLUMNS) {
      for (const name of [c.header, ...c.synonyms]) {
        expect(seen.get(name), `${name} is used by ${seen.get(name)} and ${c.key}`).toBeUndefined();
        seen.set(name, c.key);
      }
    }
  });

  it("converts between column letters and indexes as Excel names them", () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "ZZ", "AAA"]);
    expect(["A", "z", "AA", "ZZ", "AAA"].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
    expect(columnIndex("A1")).toBe(-1);
  });
});
