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

/** The same kind of instance with about `share` of its rows made team rows (a second mentor at an extra cost ≥ 0). */
export function randomTeamTransport(rand: () => number, rows: number, columns: number, maxCap: number, density: number, costRange: number, share: number): TransportProblem {
  const p = randomTransport(rand, rows, columns, maxCap, density, costRange);
  const rowSecond = Array.from({ length: rows }, () => (rand() < share ? randomInt(rand, 0, costRange) : NaN));
  return { ...p, rowSecond };
}

/**
 * Exhaustive minimum over every choice (each row: one of its edges or none; a team row also any two different
 * edges, the second paying rowSecond); only for tiny instances.
 */
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
    const second = p.rowSecond?.[r] ?? NaN;
    for (let e = p.rowStart[r]; e < p.rowStart[r + 1]; e++) {
      const m = p.edgeColumn[e];
      if (load[m] < p.capacity[m]) {
        load[m]++;
        go(r + 1, acc + p.edgeCost[e]);
        if (Number.isFinite(second)) {
          for (let f = e + 1; f < p.rowStart[r + 1]; f++) {
            const m2 = p.edgeColumn[f];
            if (load[m2] < p.capacity[m2]) {
              load[m2]++;
              go(r + 1, acc + p.edgeCost[e] + p.edgeCost[f] + second);
              load[m2]--;
            }
          }
        }
        load[m]--;
      }
    }
  };
  go(0, 0);
  return best;
}

/**
 * The same instance as an LP in CPLEX LP format: x_e ∈ [0, 1] per edge, Σ_row x ≤ 1, Σ_column x ≤ capacity.
 * A team row r (rowSecond[r] finite) is written as the flow it is: Σ_row x = y1 + y2 with y1, y2 ∈ [0, 1] and the
 * second unit y2 paying rowSecond[r]; x_e ≤ 1 keeps one mentor from taking both units. Either way the constraint
 * matrix is a network matrix, so the LP optimum equals the integer optimum.
 */
export function transportLp(p: TransportProblem): string {
  const rows = p.rowStart.length - 1;
  const team = (r: number) => p.rowSecond !== undefined && Number.isFinite(p.rowSecond[r]);
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
  for (let r = 0; r < rows; r++) {
    if (!team(r) || p.rowStart[r + 1] === p.rowStart[r]) continue;
    line += term(p.rowSecond![r], -1, !any).replace("x-1", `y2_${r}`);
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
    line += team(r) ? ` - y1_${r} - y2_${r} = 0` : " <= 1";
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
  out.push("Bounds");
  for (let e = 0; e < p.edgeColumn.length; e++) out.push(` 0 <= x${e} <= 1`);
  for (let r = 0; r < rows; r++) {
    if (!team(r) || p.rowStart[r + 1] === p.rowStart[r]) continue;
    out.push(` 0 <= y1_${r} <= 1`, ` 0 <= y2_${r} <= 1`);
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
