import { describe, expect, it } from "vitest";
import { linuxAdvice } from "../../scripts/start/dev-https.ts";
import { httpsPaneUrl, manifestNote } from "../../scripts/start/pane-url.ts";

describe("npm start's advice about the HTTPS task pane", () => {
  it("names the port HTTPS_PORT chose, not 3000", () => {
    const url = httpsPaneUrl(3443);
    expect(url).toBe("https://localhost:3443");
    const advice = linuxAdvice("/home/x/.office-addin-dev-certs/ca.crt", url);
    expect(advice).toContain("https://localhost:3443/index.html");
    expect(advice).not.toContain(":3000");
  });

  it("says how to regenerate manifest.xml when the port differs from the one it points at, and nothing otherwise", () => {
    expect(manifestNote(httpsPaneUrl(3443))).toContain("TIAOJIE_ADDIN_URL=https://localhost:3443 npm run manifest");
    expect(manifestNote(httpsPaneUrl(3000))).toBeNull();
  });
});
