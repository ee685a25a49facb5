/**
 * Display width of text in Excel's column-width units (the width of a "0"): CJK and full-width characters take
 * two; Latin text in a proportional font averages a little under one. Shared by the CLI's sheets (cli/lib/sheet-fit.ts)
 * and the report layouts both clients write (ledger/reports/).
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 0.9;
  return w;
}
