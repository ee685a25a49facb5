// Prints benchmark figures side by side with their baseline from the same run.
export interface Figure {
  bench: string;
  measure: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  target?: string;
  /** Whether the figure meets its target, when the bench knows. */
  met?: boolean;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(n >= 10 ? 1 : 2);
}

export function printFigures(figures: Figure[]): void {
  for (const f of figures) {
    const base = f.baseline ? ` | baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit} | ratio ${(f.value / f.baseline.value).toFixed(2)}` : "";
    const target = f.target ? ` | target ${f.target}${f.met === undefined ? "" : f.met ? " ✓" : " ✗"}` : "";
    process.stdout.write(`${f.bench} | ${f.measure}: ${fmt(f.value)} ${f.unit}${base}${target}\n`);
  }
}
