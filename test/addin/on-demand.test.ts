import { describe, expect, it } from "vitest";
import { ModuleLoadError, onDemand } from "../../addin/hosts/on-demand.ts";
import { lazyRoutingWorkbook, type RoutingWorkbook } from "../../addin/hosts/routing-workbook.ts";
import { describeError } from "../../addin/pane/logic/errors.ts";

const unreachable = () => Promise.reject(new TypeError("Failed to fetch dynamically imported module: /assets/reports-x1y2z3.js"));

describe("parts of the pane fetched on demand", () => {
  it("tells the clerk in Chinese that a part did not download and to check the network, not the browser's words", async () => {
    const e = await onDemand(unreachable).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModuleLoadError);
    const text = describeError(e, "zh-CN");
    expect(text).toContain("这部分程序没有下载下来");
    expect(text).toContain("请检查网络连接后再点一次");
    expect(text).not.toContain("dynamically imported module");
    expect(describeError(e, "en")).toContain("did not download");
  });

  it("fetches the routing workbook when first used, once, and again after a failed fetch", async () => {
    let fetches = 0;
    let online = false;
    const real: RoutingWorkbook = {
      readActive: async () => ({ sheetName: "收案登记", values: [], selectedRows: [], setting: null }),
      writeColumns: async () => undefined,
      appendRows: async (_s, firstRow, rows) => firstRow + rows.length - 1,
    };
    const wb = lazyRoutingWorkbook(async () => {
      fetches++;
      if (!online) throw new TypeError("Failed to fetch dynamically imported module");
      return real;
    });
    expect(fetches).toBe(0);
    await expect(wb.readActive()).rejects.toBeInstanceOf(ModuleLoadError);
    online = true;
    expect((await wb.readActive()).sheetName).toBe("收案登记");
    expect(await wb.appendRows("台账", 10, [["a"], ["b"]])).toBe(11);
    expect(fetches).toBe(2);
  });
});
