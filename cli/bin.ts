#!/usr/bin/env node
// `tiaojie <command> …`: each command lives in cli/commands/<command>.ts and exports `USAGE` and `run(args)`.
// Help, version and wrong use are answered here, once, so every command behaves the same:
// `--help`/`-h` → that usage on stdout, exit 0; an unknown option or command → message and usage on stderr, exit 2.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { wantsHelp } from "./lib/options.ts";
import { setToday } from "../ledger/clock.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `用法 Usage: tiaojie <command> [options]
       tiaojie <command> --help      每个命令的用法 usage of one command
       tiaojie --version             版本 version

  validate FILE.xlsx [--sheet NAME] [--locale zh-CN|en] [--json]   校验台账 validate a ledger
  push FILE.xlsx [--unit U] [--json]                                 上传台账 push a ledger
  token create|list|revoke …                                         访问令牌 access tokens
  unit add|list …                                                    单位 units
  rankings --period 2026-Q3 [--json] [--out FILE.xlsx]               考评排名 rankings
  trend --from 2026-01 --to 2026-06 [--by month|quarter] [--json] [--out FILE.xlsx]
                                                                     考评趋势 trend of scores and ranks
  drilldown --unit U --period 2026-Q3 [--json] [--out FILE.xlsx]     考评明细 cases behind a unit's indicators
  flags [--unit U] [--json]                                          预警 flags
  mentors --period 2026-Q3 [--json] [--out FILE.xlsx]                导师安排 mentor assignments
  mediators --period 2026-Q3 [--json]                                调解员考评 results per mediator
  competition --period 2026-Q3 [--json] [--out FILE.xlsx]            分片竞赛 zone competition
  subsidies --period 2026-Q3 [--json] [--out FILE.xlsx]              办案补贴 case subsidies
  limits [--set FIELD=VALUE …] [--json]                              时限与预警设置 time limits and thresholds
  office [--unit 填报单位] [--contact 联系人] [--phone 联系电话] [--json]
                                                                     报表落款 the office's letterhead on report forms
  reviews --period 2026-Q3 [--json] [--out FILE.xlsx]                案件质量评查 case-file review results
  stats --period 2026-05 [--group G] [--json] [--out FILE.xlsx]      诉源分析与统计月报 statistics and the monthly report
  route FILE.xlsx [--confirm] [--json]                               分流（协调员） route an intake sheet
  incoming [--pending] [--json]                                      转入案件（台账员） cases transferred to you
  court-cases [--period 2026-Q3] [--json] [--out FILE.xlsx]          法院案件（法院联络员） the court's cases
  digest --period 2026-Q3 [--json] [--out FILE.xlsx]                 府院联席会议材料 joint-meeting digest

退出码 Exit codes: 0 成功 ok · 1 台账有错误或服务器拒绝 ledger errors or refused by the server
  · 2 用法错误或文件无法读取 wrong use or unreadable file · 3 令牌无效或无权限 token refused
`;

export interface Command {
  USAGE: string;
  run(args: string[]): Promise<number>;
}

function version(): string {
  // The CLI ships inside the project, so its version is the project's.
  return (JSON.parse(readFileSync(path.join(here, "..", "package.json"), "utf8")) as { version: string }).version;
}

async function loadCommand(name: string): Promise<Command | undefined> {
  const file = path.join(here, "commands", `${name}.ts`);
  if (!/^[a-z-]+$/.test(name) || !existsSync(file)) return undefined;
  return (await import(file)) as Command;
}

function wrongUse(message: string, usage: string): number {
  process.stderr.write(`${message}\n\n${usage.trimEnd()}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  // Tests and demonstrations run the CLI on a chosen day (ledger/clock.ts); a malformed day is wrong use, not a crash.
  try {
    setToday(process.env.TIAOJIE_TODAY);
  } catch (e) {
    process.stderr.write(`环境变量 TIAOJIE_TODAY 须为 YYYY-MM-DD 格式的真实日期，或不设置 ${(e as Error).message}\n`);
    return 2;
  }
  const [name, ...rest] = argv;
  if (!name) return wrongUse("需要命令 Missing command", USAGE);
  if (name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`tiaojie ${version()}\n`);
    return 0;
  }
  // `tiaojie help` and `tiaojie help validate` read naturally; keep them.
  if (name === "help") {
    if (!rest[0]) {
      process.stdout.write(USAGE);
      return 0;
    }
    const command = await loadCommand(rest[0]);
    if (!command) return wrongUse(`未知命令 Unknown command: ${rest[0]}`, USAGE);
    process.stdout.write(`${command.USAGE.trimEnd()}\n`);
    return 0;
  }
  if (name.startsWith("-")) return wrongUse(`未知选项 Unknown option: ${name}`, USAGE);
  const command = await loadCommand(name);
  if (!command) return wrongUse(`未知命令 Unknown command: ${name}`, USAGE);
  if (wantsHelp(rest)) {
    process.stdout.write(`${command.USAGE.trimEnd()}\n`);
    return 0;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
