import { describe, expect, it } from "vitest";
import { MAX_CELL_CHARS, PushChunkSchema, parsePushChunk } from "../../../ledger/api/push.ts";

const row = (n: number, values: Record<string, unknown> = {}) => ({
  row: n, values: { caseNo: `SY-${n}`, receivedOn: "2026.5.26", accepted: "是", amount: 35000, judicialConfirmation: true, notes: null, ...values },
});
const chunk = (over: Record<string, unknown> = {}) => ({ chunkIndex: 0, chunkCount: 2, wholeLedger: true, locale: "en", rows: [row(2), row(3)], ...over });

describe("parsing a push chunk", () => {
  it("gives a well-formed chunk exactly as the contract's schema gives it, defaults included", () => {
    for (const body of [chunk(), chunk({ locale: undefined, wholeLedger: undefined, unit: " 山腰街道 ", columns: { caseNo: "A" } }), chunk({ rows: [] })]) {
      const fast = parsePushChunk(JSON.parse(JSON.stringify(body)));
      const schema = PushChunkSchema.safeParse(JSON.parse(JSON.stringify(body)));
      expect(fast).toEqual(schema);
      expect(fast.success).toBe(true);
    }
  });

  it("refuses every malformed chunk with the schema's own issues, so the 422 names the same path and problem", () => {
    const bad: unknown[] = [
      chunk({ rows: [row(2), row(0)] }),
      chunk({ rows: [row(2), row(1_048_577)] }),
      chunk({ rows: [row(2.5)] }),
      chunk({ rows: [row(2, { colour: "red" })] }),
      chunk({ rows: [row(2, { caseNo: "x".repeat(MAX_CELL_CHARS + 1) })] }),
      chunk({ rows: [row(2, { amount: { value: 1 } })] }),
      chunk({ rows: [row(2, { notes: [1] })] }),
      chunk({ rows: [{ row: 2 }] }),
      chunk({ rows: [{ row: 2, values: [] }] }),
      chunk({ rows: [null] }),
      chunk({ rows: Array.from({ length: 1001 }, (_, i) => row(i + 2)) }),
      chunk({ chunkIndex: 2 }),
      chunk({ locale: "fr" }),
      chunk({ rows: "none" }),
      [chunk()],
      null,
    ];
    for (const body of bad) {
      const fast = parsePushChunk(JSON.parse(JSON.stringify(body)));
      expect(fast.success).toBe(false);
      expect(fast.error?.issues).toEqual(PushChunkSchema.safeParse(JSON.parse(JSON.stringify(body))).error?.issues);
    }
  });

  it("reads a row with a key the schema drops (or a __proto__ key) through the schema, which answers for it", () => {
    for (const text of [JSON.stringify(chunk({ rows: [{ ...row(2), extra: 1 }] })), `{"chunkIndex":0,"chunkCount":1,"rows":[{"row":2,"values":{"__proto__":"x"}}]}`]) {
      expect(parsePushChunk(JSON.parse(text))).toEqual(PushChunkSchema.safeParse(JSON.parse(text)));
    }
  });
});
