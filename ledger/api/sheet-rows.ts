/** How a push carries a sheet's rows, for case ledgers and rosters alike: raw cells by column key. */
import { z } from "zod";
import { keyedRecord } from "./keyed-record.ts";

/** A row's number in the clerk's sheet (1-based, as Excel shows it), and its cells by key. */
export const sheetRowSchema = <K extends string, C extends z.ZodType>(keys: readonly [K, ...K[]], cell: C) =>
  z.object({ row: z.number().int().min(1).max(1_048_576), values: keyedRecord(keys, cell) });

/** Column letters of the clerk's sheet by key, so the server's issues point at the right cells. */
export const columnLettersSchema = <K extends string>(keys: readonly [K, ...K[]]) =>
  keyedRecord(keys, z.string().regex(/^[A-Z]{1,3}$/));
