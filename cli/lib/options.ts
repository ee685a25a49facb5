import { parseArgs, type ParseArgsConfig } from "node:util";

/** Thrown for wrong command-line use; the command prints it and exits 2. */
export class UsageError extends Error {}

export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    // Node words an unknown option in English only and at length; say it the way the rest of the CLI does.
    const { code } = e as { code?: string };
    const unknown = code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'([^']+)'/.exec((e as Error).message)?.[1] : undefined;
    throw new UsageError(unknown ? `未知选项 Unknown option: ${unknown}` : (e as Error).message);
  }
}

/**
 * Whether `--help` or `-h` appears among a command's arguments. Checked by bin.ts before the command runs, so every
 * command answers help the same way without declaring it, and before anything that needs a server or a file.
 * Arguments after `--` are positionals (a file may be called "-h"), so the scan stops there. A value such as
 * `--unit -h` counts as help: parseArgs would refuse it as ambiguous anyway.
 */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "--help" || a === "-h") return true;
  }
  return false;
}

export function splitList(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
}
