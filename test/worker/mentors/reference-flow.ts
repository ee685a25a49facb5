/**
 * Exact min-cost flow for a transportation problem with team rows (多带一 / 团队帮带): a team row may take two
 * DIFFERENT columns. As a flow network:
 *
 *   source ─(cap 1, cost 0)──────────────→ row ─(cap 1, cost c_e)→ column ─(cap capacity)→ sink
 *   source ─(cap 1, cost second[r] ≥ 0)──→ row                  (team rows only)
 *
 * Every row→column arc has capacity 1, so a team row can never take the same column (mentor) twice; its second
 * unit of demand costs second[r] more than its first, so it is only bought when the pair is worth it. The
 * constraint matrix is still a network matrix: the LP optimum is integral (checked against HiGHS in tests).
 *
 * Method: successive shortest paths, one unit at a time, Dijkstra on reduced costs with node potentials (exact
 * integer arithmetic in doubles). The initial potentials are exact shortest distances on the acyclic start graph,
 * so negative edge costs are fine. Rows are optional: the search stops as soon as the cheapest augmenting path
 * costs ≥ 0 — path costs never decrease, so that is the minimum over every flow value. Ties break on node index,
 * so the same input gives the same output.
 *
 * A reference for the tests only: plain, slow (one Dijkstra over the whole graph per unit of flow), and written
 * independently of the condensed solver in worker/mentors/min-cost-flow.ts, which carries team rows as twin units.
 */
import type { TransportProblem, TransportSolution } from "../../../worker/mentors/min-cost-flow.ts";

interface Arc {
  to: number;
  cap: number;
  cost: number;
  /** Index of the reverse arc in the graph's arc list. */
  rev: number;
  /** The problem's edge index for a row→column arc, −1 otherwise. */
  edge: number;
}

export function solveWithTeams(p: TransportProblem, second: ArrayLike<number>): TransportSolution {
  const rows = p.rowStart.length - 1;
  const M = p.columns;
  const S = 0;
  const rowNode = (r: number) => 1 + r;
  const columnNode = (m: number) => 1 + rows + m;
  const T = 1 + rows + M;
  const N = T + 1;

  const arcs: Arc[] = [];
  const out: number[][] = Array.from({ length: N }, () => []);
  const addArc = (from: number, to: number, cap: number, cost: number, edge = -1) => {
    out[from].push(arcs.length);
    arcs.push({ to, cap, cost, rev: arcs.length + 1, edge });
    out[to].push(arcs.length);
    arcs.push({ to: from, cap: 0, cost: -cost, rev: arcs.length - 1, edge });
  };

  // Exact start potentials: source 0, rows 0 (their cheapest source arc costs 0), a column the cheapest edge into
  // it, the sink the cheapest column (columns nobody reaches keep 0, which keeps their arcs' reduced costs ≥ 0).
  const pi = new Float64Array(N);
  const columnPi = new Float64Array(M).fill(Infinity);
  for (let r = 0; r < rows; r++) {
    addArc(S, rowNode(r), 1, 0);
    const extra = second[r];
    if (Number.isFinite(extra)) addArc(S, rowNode(r), 1, extra);
    for (let e = p.rowStart[r]; e < p.rowStart[r + 1]; e++) {
      const m = p.edgeColumn[e];
      addArc(rowNode(r), columnNode(m), 1, p.edgeCost[e], e);
      if (p.edgeCost[e] < columnPi[m]) columnPi[m] = p.edgeCost[e];
    }
  }
  let sinkPi = 0;
  for (let m = 0; m < M; m++) {
    addArc(columnNode(m), T, p.capacity[m], 0);
    if (columnPi[m] === Infinity) continue;
    pi[columnNode(m)] = columnPi[m];
    if (p.capacity[m] > 0 && columnPi[m] < sinkPi) sinkPi = columnPi[m];
  }
  pi[T] = sinkPi;

  const dist = new Float64Array(N);
  const predArc = new Int32Array(N);
  const done = new Uint8Array(N);
  const heapKey: number[] = [];
  const heapNode: number[] = [];
  const push = (key: number, node: number) => {
    let i = heapKey.length;
    heapKey.push(key);
    heapNode.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent] < key || (heapKey[parent] === key && heapNode[parent] <= node)) break;
      heapKey[i] = heapKey[parent];
      heapNode[i] = heapNode[parent];
      i = parent;
    }
    heapKey[i] = key;
    heapNode[i] = node;
  };
  const pop = (): number => {
    const top = heapNode[0];
    const lastKey = heapKey.pop()!;
    const lastNode = heapNode.pop()!;
    const n = heapKey.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (heapKey[c + 1] < heapKey[c] || (heapKey[c + 1] === heapKey[c] && heapNode[c + 1] < heapNode[c]))) c++;
        if (lastKey < heapKey[c] || (lastKey === heapKey[c] && lastNode <= heapNode[c])) break;
        heapKey[i] = heapKey[c];
        heapNode[i] = heapNode[c];
        i = c;
      }
      heapKey[i] = lastKey;
      heapNode[i] = lastNode;
    }
    return top;
  };

  for (;;) {
    dist.fill(Infinity);
    done.fill(0);
    predArc.fill(-1);
    dist[S] = 0;
    push(0, S);
    while (heapKey.length > 0) {
      const d = heapKey[0];
      const u = pop();
      if (done[u] || d > dist[u]) continue;
      done[u] = 1;
      for (const a of out[u]) {
        const arc = arcs[a];
        if (arc.cap <= 0) continue;
        const nd = d + arc.cost + pi[u] - pi[arc.to];
        if (nd < dist[arc.to]) {
          dist[arc.to] = nd;
          predArc[arc.to] = a;
          push(nd, arc.to);
        }
      }
    }
    if (dist[T] === Infinity) break;
    // The path's true cost; a path that gains nothing is not taken (every row is optional).
    if (dist[T] + pi[T] - pi[S] >= 0) break;
    const dT = dist[T];
    for (let v = 0; v < N; v++) pi[v] += Math.min(dist[v], dT);
    for (let v = T; v !== S; ) {
      const a = predArc[v];
      arcs[a].cap -= 1;
      arcs[arcs[a].rev].cap += 1;
      v = arcs[arcs[a].rev].to;
    }
  }

  const rowEdge = new Int32Array(rows).fill(-1);
  const rowColumn = new Int32Array(rows).fill(-1);
  const rowEdge2 = new Int32Array(rows).fill(-1);
  const rowColumn2 = new Int32Array(rows).fill(-1);
  let objective = 0;
  for (let r = 0; r < rows; r++) {
    const taken: number[] = [];
    for (const a of out[rowNode(r)]) {
      const arc = arcs[a];
      // A forward row→column arc carrying flow has spent its one unit of capacity.
      if (arc.edge >= 0 && arc.cap === 0) taken.push(arc.edge);
    }
    // The better edge is the row's first mentor; the order does not change the total.
    taken.sort((a, b) => p.edgeCost[a] - p.edgeCost[b] || a - b);
    if (taken.length > 0) {
      rowEdge[r] = taken[0];
      rowColumn[r] = p.edgeColumn[taken[0]];
      objective += p.edgeCost[taken[0]];
    }
    if (taken.length > 1) {
      rowEdge2[r] = taken[1];
      rowColumn2[r] = p.edgeColumn[taken[1]];
      objective += p.edgeCost[taken[1]] + second[r];
    }
  }
  return { rowEdge, rowColumn, rowEdge2, rowColumn2, objective, potentials: pi.slice(1 + rows, 1 + rows + M) };
}
