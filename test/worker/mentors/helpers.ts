/** Test helpers: a seeded PRNG, a brute-force solver for tiny instances, and the CPLEX LP text for HiGHS. */
import type { TransportProblem } from "../../../worker/mentors/min-cost-flow.ts";

import { mulberry32 } from "../../fixtures/case-generator.ts";

/** The project's seeded PRNG (mulberry32): small, reproducible. */
export const prng = mulberry32;

export function randomInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** A random sparse transportation instance with mixed-sign integer costs. */
export function randomTransport(rand: () => number, rows: number, columns: number, maxCap: number, density: number, costRange: number): TransportProblem {
  const capacity = Array.from({ length: columns }, () => randomInt(rand, 0, maxCap));
  const rowStart = [0];
  const edgeColumn: number[] = [];
  const edgeCost: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let m = 0; m < columns; m++) {
      if (rand() < density) {
        edgeColumn.push(m);
        edgeCost.push(randomInt(rand, -costRange, Math.floor(costRange / 4)));
      }
    }
    rowStart.push(edgeColumn.length);
  }
  return { columns, capacity, rowStart, edgeColumn, edgeCost };
}

/** Exhaustive minimum over every choice (each row: one of its edges or none); only for tiny instances. */
export function bruteForce(p: TransportProblem): number {
  const rows = p.rowStart.length - 1;
  const load = new Array(p.columns).fill(0);
  let best = 0;
  const go = (r: number, acc: number): void => {
    if (r === rows) {
      if (acc < best) best = acc;
      return;
    }
    go(r + 1, acc);
    for (let e = p.rowStart[r]; e < p.rowStart[r + 1]; e++) {
      const m = p.edgeColumn[e];
      if (load[m] < p.capacity[m]) {
        load[m]++;
        go(r + 1, acc + p.edgeCost[e]);
        load[m]--;
      }
    }
  };
  go(0, 0);
  return best;
}

/**
 * The same instance as an LP in CPLEX LP format: x_e ∈ [0, 1] per edge, Σ_row x ≤ 1, Σ_column x ≤ capacity.
 * The constraint matrix is a network matrix, so the LP optimum equals the integer optimum.
 */
export function transportLp(p: TransportProblem): string {
  const rows = p.rowStart.length - 1;
  const out: string[] = ["Minimize", " obj:"];
  let line = "";
  const flush = (): void => {
    if (line) out.push(line);
    line = "";
  };
  const term = (coef: number, e: number, first: boolean): string => {
    const sign = coef < 0 ? "-" : first ? "" : "+";
    return ` ${sign} ${Math.abs(coef)} x${e}`;
  };
  let any = false;
  for (let e = 0; e < p.edgeCost.length; e++) {
    line += term(p.edgeCost[e], e, !any);
    any = true;
    if (line.length > 200) flush();
  }
  if (!any) line = " 0 x_empty";
  flush();
  out.push("Subject To");
  for (let r = 0; r < rows; r++) {
    if (p.rowStart[r + 1] === p.rowStart[r]) continue;
    line = ` r${r}:`;
    for (let e = p.rowStart[r]; e < p.rowStart[r + 1]; e++) {
      line += `${e === p.rowStart[r] ? "" : " +"} x${e}`;
      if (line.length > 200) flush();
    }
    line += " <= 1";
    flush();
  }
  const byColumn: number[][] = Array.from({ length: p.columns }, () => []);
  for (let e = 0; e < p.edgeColumn.length; e++) byColumn[p.edgeColumn[e]].push(e);
  for (let m = 0; m < p.columns; m++) {
    if (byColumn[m].length === 0) continue;
    line = ` c${m}:`;
    byColumn[m].forEach((e, i) => {
      line += `${i === 0 ? "" : " +"} x${e}`;
      if (line.length > 200) flush();
    });
    line += ` <= ${p.capacity[m]}`;
    flush();
  }
  out.push("End");
  return out.join("\n");
}

type Highs = { solve(text: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
let highsPromise: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  highsPromise ??= import("highs").then((mod) => (mod.default as unknown as () => Promise<Highs>)());
  return highsPromise;
}

export async function highsObjective(lp: string): Promise<number> {
  const highs = await loadHighs();
  const result = highs.solve(lp, { output_flag: false });
  if (result.Status !== "Optimal") throw new Error(`HiGHS status ${result.Status}`);
  return result.ObjectiveValue;
}
