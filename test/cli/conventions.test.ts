// The conventions every command shares (answered once, in cli/bin.ts): --help, unknown options, --version.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tiaojie } from "./run-cli.ts";

const COMMANDS = readdirSync(path.join(ROOT, "cli/commands")).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
const usageOf = async (command: string) => ((await import(path.join(ROOT, "cli/commands", `${command}.ts`))) as { USAGE: string }).USAGE;
// No server and no token: help must not need either.
const OFFLINE = { TIAOJIE_URL: "", TIAOJIE_TOKEN: "" };

describe("tiaojie conventions", () => {
  it("knows every command", () => {
    expect(COMMANDS).toEqual(["competition", "court-cases", "digest", "drilldown", "flags", "incoming", "limits", "mediators", "mentors", "office", "push", "rankings", "reviews", "route", "stats", "subsidies", "token", "trend", "unit", "validate"]);
  });

  it.each(COMMANDS)("prints the usage of `%s` for --help and -h on stdout and exits 0", async (command) => {
    const usage = await usageOf(command);
    expect(usage).toMatch(/^用法 Usage:/);
    for (const flag of ["--help", "-h"]) {
      const r = tiaojie([command, flag], OFFLINE);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
      expect(r.stdout).toBe(`${usage.trimEnd()}\n`);
    }
  });

  // token and unit take a subcommand first; validate a file: help still wins over what comes before it.
  it.each(["token", "unit", "validate"])("answers --help for `%s` even after other arguments", async (command) => {
    const r = tiaojie([command, "list", "--json", "--help"], OFFLINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(await usageOf(command)).trimEnd()}\n`);
  });

  it.each(COMMANDS)("exits 2 for an unknown option to `%s`, naming it, with the usage on stderr", async (command) => {
    const r = tiaojie([command, "--frobnicate"], OFFLINE);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("未知选项 Unknown option: --frobnicate");
    expect(r.stderr).toContain((await usageOf(command)).split("\n")[0]);
  });

  it("treats -h after -- as a file name, not as a request for help", () => {
    const r = tiaojie(["validate", "--", "-h"], OFFLINE);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toContain("Usage");
  });

  it("prints the overall usage, listing every command, for --help, -h and help, and exits 0", () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = tiaojie(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^用法 Usage: tiaojie <command>/);
      for (const command of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("prints one command's usage for `tiaojie help COMMAND`", async () => {
    const r = tiaojie(["help", "rankings"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(await usageOf("rankings")).trimEnd()}\n`);
  });

  it("exits 2 with the overall usage on stderr for no command, an unknown command or an unknown option", () => {
    for (const [args, message] of [[[], "Missing command"], [["frobnicate"], "Unknown command: frobnicate"], [["--frobnicate"], "Unknown option: --frobnicate"]] as const) {
      const r = tiaojie([...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("用法 Usage: tiaojie <command>");
    }
  });

  it("prints the version from package.json for --version and -v and exits 0", () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) expect(tiaojie([flag])).toEqual({ code: 0, stdout: `tiaojie ${version}\n`, stderr: "" });
  });

  it("reports an unknown subcommand of token and unit before asking for a server", () => {
    for (const command of ["token", "unit"]) {
      const r = tiaojie([command, "frobnicate"], OFFLINE);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("未知子命令 Unknown subcommand: frobnicate");
    }
  });
});
