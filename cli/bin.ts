#!/usr/bin/env node
// `tiaojie <command> …`: each command lives in cli/commands/<command>.ts and exports `run(args)`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `用法 Usage: tiaojie <command> [options]

  validate FILE.xlsx [--sheet NAME] [--locale zh-CN|en] [--json]   校验台账 validate a ledger
  push FILE.xlsx [--unit U] [--json]                                 上传台账 push a ledger
  token create|list|revoke …                                         访问令牌 access tokens
  unit add|list …                                                    单位 units
  rankings --period 2026-Q3 [--json] [--out FILE.xlsx]               考评排名 rankings
  flags [--unit U] [--json]                                          预警 flags
  mentors --period 2026-Q3 [--json] [--out FILE.xlsx]                导师安排 mentor assignments
`;

export interface Command {
  run(args: string[]): Promise<number>;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const file = path.join(here, "commands", `${name}.ts`);
  if (!/^[a-z-]+$/.test(name) || !existsSync(file)) {
    process.stderr.write(`未知命令 Unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  const command = (await import(file)) as Command;
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
