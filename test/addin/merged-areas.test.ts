import { describe, expect, it } from "vitest";
import { parseA1Range } from "../../addin/hosts/shared/cells.ts";
import { fillMergedAreas, mergedAreas } from "../../addin/hosts/shared/merged-areas.ts";

describe("merged areas read as a clerk sees them", () => {
  it("gives every cell of each merged area its top-left value, whatever the sheet's name looks like", () => {
    const values: unknown[][] = [
      ["标题", "", ""],
      ["涂岭镇", "A", ""],
      ["", "B", ""],
      ["", "C", "x"],
    ];
    fillMergedAreas(values, mergedAreas(["台账!A1:C1,'我的 台账'!A2:A4", "Sheet1!$C$3:$C$3"]));
    expect(values).toEqual([
      ["标题", "标题", "标题"],
      ["涂岭镇", "A", ""],
      ["涂岭镇", "B", ""],
      ["涂岭镇", "C", "x"],
    ]);
  });

  it("ignores what is not an A1 reference and areas beyond the cells read", () => {
    const values: unknown[][] = [["a", null]];
    fillMergedAreas(values, mergedAreas(["台账!#REF!", "台账!A1:B9"]));
    expect(values).toEqual([["a", "a"]]);
    expect(parseA1Range("XFD1048576")).toEqual({ r1: 1_048_575, c1: 16_383, r2: 1_048_575, c2: 16_383 });
    expect(parseA1Range("B2:A1")).toBeNull();
  });
});
