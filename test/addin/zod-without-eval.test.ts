import { describe, expect, it, vi } from "vitest";

describe("zod in the pane", () => {
  it("compiles no schema with new Function once the pane's entry has run (the pane's CSP forbids eval)", async () => {
    await import("../../addin/pane/zod-without-eval.ts");
    const { config, z } = await import("zod");
    expect(config().jitless).toBe(true);
    const compile = vi.spyOn(globalThis, "Function");
    const schema = z.object({ caseNo: z.string(), amount: z.number().nullable() });
    for (let i = 0; i < 3; i++) expect(schema.safeParse({ caseNo: "A1", amount: null }).success).toBe(true);
    expect(compile).not.toHaveBeenCalled();
    compile.mockRestore();
  });
});
