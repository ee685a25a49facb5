import { describe, expect, it } from "vitest";
import { FirstSeen } from "../../ledger/first-seen.ts";

describe("FirstSeen", () => {
  it("answers the row a unit's case number first appeared on, and -1 the first time", () => {
    const seen = new FirstSeen();
    expect(seen.firstRow("山腰街道", "SY-001", 4)).toBe(-1);
    expect(seen.firstRow("山腰街道", "SY-002", 5)).toBe(-1);
    expect(seen.firstRow("山腰街道", "SY-001", 9)).toBe(4);
    expect(seen.firstRow("山腰街道", "SY-001", 12)).toBe(4);
  });

  it("keeps units apart: the same case number in two units is not a duplicate", () => {
    const seen = new FirstSeen();
    expect(seen.firstRow("山腰街道", "2026-001", 4)).toBe(-1);
    expect(seen.firstRow("南埔镇", "2026-001", 5)).toBe(-1);
    expect(seen.firstRow("南埔镇", "2026-001", 6)).toBe(5);
  });

  it("stays right when every key has the same hash and when it grows far past its first size", () => {
    const collide = new FirstSeen(() => 7, 1);
    const spread = new FirstSeen(undefined, 1);
    for (const seen of [collide, spread]) {
      for (let i = 0; i < 3_000; i++) expect(seen.firstRow(i % 2 ? "甲" : "乙", `C-${i}`, i + 2)).toBe(-1);
      for (let i = 0; i < 3_000; i += 7) expect(seen.firstRow(i % 2 ? "甲" : "乙", `C-${i}`, 99_999)).toBe(i + 2);
      // C-0 was 乙's: 甲's C-0 is new
      expect(seen.firstRow("甲", "C-0", 5)).toBe(-1);
    }
  });
});
