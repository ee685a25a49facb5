import { parseArgs, type ParseArgsConfig } from "node:util";

/** Thrown for wrong command-line use; the command prints it and exits 2. */
export class UsageError extends Error {}

export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function splitList(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
}
