/**
 * Web APIs the pane calls that a WPS page may lack though its syntax is fine. `crypto.randomUUID` exists only in a
 * secure context (an office serving the Worker over plain http on its intranet is not one) and only from Chromium 92;
 * a real WPS 表格 has been seen without it. The pane uses it for push and transfer ids, which must be unique, so the
 * stand-in draws from `crypto.getRandomValues` (available everywhere) in the same RFC 4122 version-4 form.
 */
type Uuid = `${string}-${string}-${string}-${string}-${string}`;

if (typeof crypto !== "undefined" && typeof crypto.randomUUID !== "function" && typeof crypto.getRandomValues === "function") {
  const randomUUID = (): Uuid => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as Uuid;
  };
  Object.defineProperty(crypto, "randomUUID", { value: randomUUID, configurable: true, writable: true });
}
