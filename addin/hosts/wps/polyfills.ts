/**
 * Web APIs the pane (or a library it bundles) calls that a WPS page may lack though it parses ES2017 fine: WPS embeds a
 * Chromium whose version it does not publish, and an office serving the Worker over plain http on its intranet is not a
 * secure context. Each stand-in is installed only where the browser has no API of that name, does what the pane needs
 * of it, and is checked against the browser's own in tests:
 * - crypto.randomUUID (Chromium 92, secure contexts only; a real WPS 表格 has been seen without it): push and transfer
 *   ids, which must be unique, drawn from crypto.getRandomValues in the RFC 4122 version-4 form;
 * - Object.hasOwn (93), String.prototype.replaceAll (85), structuredClone (98: the pane clones plain settings data),
 *   Element/Document/DocumentFragment.prototype.replaceChildren (86: every page redraw).
 * What cannot be stood in for — web components with ElementInternals, constructable stylesheets — browser-check.ts
 * asks for, and the pane says plainly when they are missing.
 */
type Uuid = `${string}-${string}-${string}-${string}-${string}`;

export function randomUUIDStandIn(): Uuid {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as Uuid;
}

export function hasOwnStandIn(o: object, key: PropertyKey): boolean {
  if (o === null || o === undefined) throw new TypeError("Cannot convert undefined or null to object");
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** replaceAll as String.prototype.replace with a global pattern: `$&` and friends, and replacer functions, work alike. */
export function replaceAllStandIn(this: string, search: string | RegExp, replacement: string | ((substring: string, ...args: unknown[]) => string)): string {
  if (search instanceof RegExp) {
    if (!search.global) throw new TypeError("replaceAll must be called with a global RegExp");
    return String(this).replace(search, replacement as string);
  }
  const pattern = new RegExp(String(search).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
  return String(this).replace(pattern, replacement as string);
}

/** A deep copy of plain data (objects, arrays, Dates, Maps, Sets, primitives), keeping shared and circular references. */
export function structuredCloneStandIn<T>(value: T): T {
  const seen = new Map<unknown, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") {
      if (typeof v === "function" || typeof v === "symbol") throw new DOMException(`${String(v)} could not be cloned.`, "DataCloneError");
      return v;
    }
    if (seen.has(v)) return seen.get(v);
    if (v instanceof Date) return new Date(v.getTime());
    if (v instanceof Map) {
      const out = new Map();
      seen.set(v, out);
      v.forEach((val, key) => out.set(copy(key), copy(val)));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set();
      seen.set(v, out);
      v.forEach((val) => out.add(copy(val)));
      return out;
    }
    const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
    seen.set(v, out);
    // Defined, not assigned: a key a clerk typed ("__proto__", "constructor") stays a key and never sets the prototype.
    for (const key of Object.keys(v)) {
      Object.defineProperty(out, key, { value: copy((v as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
    }
    return out;
  };
  return copy(value) as T;
}

export function replaceChildrenStandIn(this: ParentNode & Node, ...nodes: (Node | string)[]): void {
  while (this.lastChild) this.removeChild(this.lastChild);
  this.append(...nodes);
}

function define(target: object | undefined, name: string, value: unknown): void {
  if (target && typeof (target as Record<string, unknown>)[name] !== "function") {
    Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
  }
}

if (typeof crypto !== "undefined" && typeof crypto.getRandomValues === "function") define(crypto, "randomUUID", randomUUIDStandIn);
define(Object, "hasOwn", hasOwnStandIn);
define(String.prototype, "replaceAll", replaceAllStandIn);
define(globalThis, "structuredClone", structuredCloneStandIn);
for (const ctor of ["Element", "Document", "DocumentFragment"]) {
  define((globalThis as unknown as Record<string, { prototype?: object } | undefined>)[ctor]?.prototype, "replaceChildren", replaceChildrenStandIn);
}
