// The clerk's session of clerk.test.ts — connect, validate, push, write back with flags, re-push — in WPS 表格: the
// built WPS pane (dist/addin/wps/pane.html) over the WPS double, against the real Worker. Then what is WPS's own:
// the Worker serves the WPS pages under their policy, and the pane asked nothing of any other origin.
import { describe, expect, it } from "vitest";
import { clerkFlow, SLOW } from "./flows/clerk-flow.ts";
import { WPS_CSP } from "../../addin/hosts/wps/csp.ts";

const ctx = clerkFlow("wps");

describe("the WPS pane's origin", () => {
  it("is served by the Worker itself at /wps/ under the WPS policy, which names no Microsoft origin", SLOW, async () => {
    for (const file of ["pane.html", "selftest.html", "ribbon.xml", "publish.xml", "jsplugins.xml", "index.html", "main.js"]) {
      const res = await fetch(`${ctx.worker.url}/wps/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-security-policy"), file).toBe(WPS_CSP);
      expect(res.headers.get("x-content-type-options"), file).toBe("nosniff");
    }
    expect((await fetch(`${ctx.worker.url}/index.html`)).headers.get("content-security-policy")).toContain("appsforoffice.microsoft.com");
  });

  it("asked nothing of any other origin during the whole session", () => {
    expect(ctx.clerkPane.errors.filter((e) => e.startsWith("blocked request"))).toEqual([]);
  });
});
