// The stand-ins the WPS pane installs where WPS's embedded browser lacks an API (addin/hosts/wps/polyfills.ts), each
// checked against the real API of this Node: same answers for what the pane asks of them.
import { describe, expect, it } from "vitest";
import { hasOwnStandIn, randomUUIDStandIn, replaceAllStandIn, structuredCloneStandIn } from "../../addin/hosts/wps/polyfills.ts";
import { chromiumVersion, missingForPane } from "../../addin/hosts/wps/browser-check.ts";

describe("the WPS pane's stand-ins for newer browser APIs", () => {
  it("randomUUID gives distinct version-4 UUIDs in the native form", () => {
    const ids = Array.from({ length: 500 }, () => randomUUIDStandIn());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(randomUUIDStandIn()).toHaveLength(crypto.randomUUID().length);
  });

  it("Object.hasOwn: own keys only, as the native one, and the same TypeError for null", () => {
    const proto = { inherited: 1 };
    const o = Object.assign(Object.create(proto), { own: undefined, 0: "x" });
    for (const k of ["own", "inherited", "missing", 0, "0", "toString"]) expect(hasOwnStandIn(o, k), String(k)).toBe(Object.hasOwn(o, k));
    expect(hasOwnStandIn(Object.create(null), "a")).toBe(false);
    expect(() => hasOwnStandIn(null as unknown as object, "a")).toThrow(TypeError);
  });

  it("String.replaceAll: every occurrence, special characters taken literally, $ patterns and replacer functions as native", () => {
    const cases: [string, string | RegExp, string | ((s: string) => string)][] = [
      ["涂岭镇 樟脚村 3 组", " ", ""],
      ["a.b.c", ".", "|"],
      ["a+b+c", "+", "$&$&"],
      ["(x)(x)", "(x)", "$$"],
      ["aaa", "a", (s) => s.toUpperCase()],
      ["南埔镇前亭村南埔镇", "南埔镇", "|"],
      ["abc", "", "-"],
      ["1,234,567", /,/g, ""],
    ];
    for (const [s, search, rep] of cases) {
      expect(replaceAllStandIn.call(s, search, rep), `${s} / ${String(search)}`).toBe(s.replaceAll(search, rep as string));
    }
    expect(() => replaceAllStandIn.call("a", /a/, "b")).toThrow(TypeError);
  });

  it("structuredClone: a deep copy of plain data, dates, maps and sets, shared and circular references kept; functions refused", () => {
    const shared = { n: 1 };
    const value: Record<string, unknown> = { a: [1, "二", null, true, { b: shared }], c: shared, d: new Date(0), m: new Map([["k", shared]]), s: new Set([1, 2]), u: undefined };
    value.self = value;
    const copy = structuredCloneStandIn(value);
    expect(copy).toEqual(structuredClone(value));
    expect(copy).not.toBe(value);
    expect(copy.c).not.toBe(shared);
    expect((copy.a as unknown[])[4]).toEqual({ b: copy.c });
    expect(((copy.a as unknown[])[4] as { b: unknown }).b).toBe(copy.c);
    expect(copy.self).toBe(copy);
    expect(copy.d).toBeInstanceOf(Date);
    expect(() => structuredCloneStandIn({ f: () => 1 })).toThrow(/could not be cloned/);
  });

  it("structuredClone: keys a clerk typed such as __proto__ and constructor stay keys of the copy, as in the browser's own", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "承办单位", "columns": {"__proto__": "申请人"}}');
    const copy = structuredCloneStandIn(value);
    expect(copy).toEqual(structuredClone(value));
    expect(Object.keys(copy)).toEqual(["__proto__", "constructor", "columns"]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(copy.columns)).toEqual(["__proto__"]);
  });

  it("reads the Chromium version from a user agent, and names nothing missing where the browser has it all", () => {
    expect(chromiumVersion("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36")).toBe("86");
    expect(chromiumVersion("Mozilla/5.0 (Windows NT 10.0) Trident/7.0")).toBe("");
    // Node has no DOM: every need is missing, each named in words a person reads.
    expect(missingForPane()).toEqual(["Web Components（自定义元素）", "ElementInternals（表单控件）", "可构造样式表（adoptedStyleSheets）"]);
  });
});
