// scripts/ensure-test-tools.sh, the `pretest` step: quiet when the machine has what the tests need, and otherwise
// either installs it (root) or names the one command to run. The missing-tools cases run on a PATH of stand-ins, so
// no apt-get is ever called here.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../cli/run-cli.ts";

const SCRIPT = path.join(ROOT, "scripts/ensure-test-tools.sh");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A PATH holding only grep and the given stand-in commands (name → shell body). */
function fakePath(commands: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ensure-tools-"));
  dirs.push(dir);
  symlinkSync("/usr/bin/grep", path.join(dir, "grep"));
  for (const [name, body] of Object.entries(commands)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

const run = (PATH: string) => spawnSync("/bin/sh", [SCRIPT], { encoding: "utf8", env: { PATH } });

describe("ensure-test-tools", () => {
  it("is silent and succeeds without calling apt-get when everything is present", () => {
    const PATH = fakePath({
      chromium: "exit 0",
      xmllint: "exit 0",
      soffice: "exit 0",
      pdftotext: "exit 0",
      "fc-list": "echo '/usr/share/fonts/wqy-microhei.ttc: WenQuanYi Micro Hei'; echo '/usr/share/fonts/Carlito-Regular.ttf: Carlito:style=Regular'",
      "apt-get": "echo apt-get was called >&2; exit 9",
    });
    expect(run(PATH)).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });

  it("names only the missing packages and the command to install them, and fails, when not root", () => {
    const r = run(fakePath({ id: "echo 1000", chromium: "exit 0", pdftotext: "exit 0", "fc-list": "exit 0", "apt-get": "exit 9" }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("sudo apt-get update && sudo apt-get install -y libxml2-utils fonts-wqy-microhei fonts-crosextra-carlito libreoffice-calc-nogui\n");
    expect(r.stderr).not.toContain("install -y chromium");
  });

  it("runs apt-get update and install for the missing packages as root, and fails if they are still missing", () => {
    const dir = fakePath({ id: "echo 0", chromium: "exit 0", xmllint: "exit 0", soffice: "exit 0", pdftotext: "exit 0", "fc-list": "exit 0" });
    writeFileSync(path.join(dir, "apt-get"), `#!/bin/sh\necho "apt-get $*" >> ${dir}/apt.log\n`);
    chmodSync(path.join(dir, "apt-get"), 0o755);
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Still missing after apt-get install: fonts-wqy-microhei fonts-crosextra-carlito");
    expect(readFileSync(path.join(dir, "apt.log"), "utf8")).toBe(
      "apt-get update -qq\napt-get install -y -qq fonts-wqy-microhei fonts-crosextra-carlito\n",
    );
  });
});
