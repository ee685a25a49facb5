// Excel and LibreOffice open an .xlsx at the heights it states: a row left at the default shows one line of a
// wrapped cell and draws the rest over the rows below. So the sheets the CLI writes size their wrapped rows.

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * Display width of text in Excel's column-width units (the width of a "0"): CJK and full-width characters take
 * two; Latin text in a proportional font averages a little under one.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 0.9;
  return w;
}

/** Lines a wrapped cell takes in a column `width` units wide (one unit kept for the cell's padding). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / room)), 0);
}

/** Points for a row whose cells hold `texts` in columns `widths` wide, at the default 11-point font. */
export function wrappedRowHeight(texts: readonly string[], widths: readonly number[], linePoints = 15): number {
  const lines = Math.max(1, ...texts.map((t, i) => wrappedLines(t, widths[i] ?? 8.43)));
  return lines * linePoints + 2;
}
