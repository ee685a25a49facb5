/** Selections as the hosts give them back: A1 areas, comma-separated, each with or without its sheet. */
import { parseA1Range } from "./cells.ts";

/** "Sheet1!A5:C7,'My sheet'!B9" (or "$A$5:$C$7,$B$9", the active sheet's) → the rows of the areas on `sheetName`. */
export function selectedRowsOf(address: string, sheetName: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of address.split(",")) {
    const bang = part.lastIndexOf("!");
    const sheet = bang < 0 ? sheetName : part.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
    if (sheet !== sheetName) continue;
    const a1 = bang < 0 ? part : part.slice(bang + 1);
    const whole = /^\$?(\d+):\$?(\d+)$/.exec(a1.trim());
    if (whole) {
      out.push([Number(whole[1]), Number(whole[2])]);
      continue;
    }
    const rect = parseA1Range(a1);
    if (rect) out.push([rect.r1 + 1, rect.r2 + 1]);
  }
  return out;
}
