import { describe, expect, it } from "vitest";
import { solveTransportation, type TransportProblem } from "../../../worker/mentors/min-cost-flow.ts";
import { bruteForce, prng, randomInt, randomTeamTransport, randomTransport } from "./helpers.ts";
import { solveWithTeams } from "./reference-flow.ts";

describe("min-cost transportation solver", () => {
  it("finds the same minimum as trying every choice on 300 tiny random instances", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(seed);
      const p = randomTransport(rand, randomInt(rand, 1, 7), randomInt(rand, 1, 4), 3, 0.6, 20);
      expect({ seed, objective: solveTransportation(p).objective }).toEqual({ seed, objective: bruteForce(p) });
    }
  });

  it("finds the same minimum as trying every choice on 300 tiny random instances with team rows", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(50_000 + seed);
      const p = randomTeamTransport(rand, randomInt(rand, 1, 5), randomInt(rand, 1, 4), 3, 0.6, 20, 0.5);
      expect({ seed, objective: solveTransportation(p).objective }).toEqual({ seed, objective: bruteForce(p) });
    }
  });

  it("finds the same minimum as a plain min-cost flow on 200 medium random instances with team rows", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(70_000 + seed);
      const p = randomTeamTransport(rand, randomInt(rand, 1, 120), randomInt(rand, 1, 12), randomInt(rand, 1, 8), 0.1 + rand() * 0.5, 300, rand());
      expect({ seed, objective: solveTransportation(p).objective }).toEqual({ seed, objective: solveWithTeams(p, p.rowSecond!).objective });
    }
  });

  it("never gives a team row the same mentor twice, and its cost adds up with the second unit's extra", () => {
    const p = randomTeamTransport(prng(77), 300, 10, 12, 0.4, 500, 0.4);
    const s = solveTransportation(p);
    const load = new Array(p.columns).fill(0);
    let sum = 0;
    for (let r = 0; r < p.rowStart.length - 1; r++) {
      if (s.rowEdge[r] >= 0) {
        load[s.rowColumn[r]]++;
        sum += p.edgeCost[s.rowEdge[r]];
      }
      if (s.rowEdge2[r] >= 0) {
        expect(s.rowEdge[r]).toBeGreaterThanOrEqual(0);
        expect(s.rowColumn2[r]).not.toBe(s.rowColumn[r]);
        load[s.rowColumn2[r]]++;
        sum += p.edgeCost[s.rowEdge2[r]] + p.rowSecond![r];
      }
    }
    load.forEach((l, m) => expect(l).toBeLessThanOrEqual(p.capacity[m]));
    expect(sum).toBe(s.objective);
  });

  it("returns a solution that respects capacities and takes only existing edges", () => {
    const rand = prng(42);
    const p = randomTransport(rand, 400, 12, 20, 0.3, 500);
    const s = solveTransportation(p);
    const load = new Array(p.columns).fill(0);
    let sum = 0;
    for (let r = 0; r < p.rowStart.length - 1; r++) {
      const e = s.rowEdge[r];
      if (e < 0) continue;
      expect(e).toBeGreaterThanOrEqual(p.rowStart[r]);
      expect(e).toBeLessThan(p.rowStart[r + 1]);
      expect(s.rowColumn[r]).toBe(p.edgeColumn[e]);
      load[p.edgeColumn[e]]++;
      sum += p.edgeCost[e];
    }
    load.forEach((l, m) => expect(l).toBeLessThanOrEqual(p.capacity[m]));
    expect(sum).toBe(s.objective);
  });

  it("leaves a row unassigned when every edge would cost more than nothing", () => {
    const s = solveTransportation({ columns: 1, capacity: [5], rowStart: [0, 1], edgeColumn: [0], edgeCost: [3] });
    expect(s.rowColumn[0]).toBe(-1);
    expect(s.objective).toBe(0);
  });

  it("moves an earlier row to another column when that frees room for a more valuable one", () => {
    // Row 0 prefers column 0 slightly; row 1 can only use column 0: optimum moves row 0 to column 1.
    const s = solveTransportation({ columns: 2, capacity: [1, 1], rowStart: [0, 2, 3], edgeColumn: [0, 1, 0], edgeCost: [-10, -9, -10] });
    expect(Array.from(s.rowColumn)).toEqual([1, 0]);
    expect(s.objective).toBe(-19);
  });

  it("gives the same answer byte for byte when run twice", () => {
    const p = randomTransport(prng(9), 300, 10, 15, 0.4, 50);
    expect(JSON.stringify(Array.from(solveTransportation(p).rowEdge))).toBe(JSON.stringify(Array.from(solveTransportation(p).rowEdge)));
  });

  const bad: [string, TransportProblem, RegExp][] = [
    ["a fractional cost", { columns: 1, capacity: [1], rowStart: [0, 1], edgeColumn: [0], edgeCost: [0.5] }, /non-integer cost/],
    ["a negative capacity", { columns: 1, capacity: [-1], rowStart: [0, 1], edgeColumn: [0], edgeCost: [1] }, /capacity\[0\]/],
    ["two edges to one column", { columns: 1, capacity: [1], rowStart: [0, 2], edgeColumn: [0, 0], edgeCost: [1, 2] }, /two edges to column 0/],
    ["a column out of range", { columns: 1, capacity: [1], rowStart: [0, 1], edgeColumn: [3], edgeCost: [1] }, /out of range/],
    ["rowStart not ending at the edge count", { columns: 1, capacity: [1], rowStart: [0, 2], edgeColumn: [0], edgeCost: [1] }, /rowStart ends/],
    ["a team row whose second mentor would cost less than its first", { columns: 2, capacity: [1, 1], rowStart: [0, 2], edgeColumn: [0, 1], edgeCost: [-5, -5], rowSecond: [-1] }, /rowSecond\[0\]/],
  ];
  it.each(bad)("rejects %s with a clear error", (_name, p, message) => {
    expect(() => solveTransportation(p)).toThrow(message);
  });
});
