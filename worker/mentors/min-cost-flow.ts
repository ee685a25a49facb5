/**
 * Exact min-cost flow on a transportation network: rows (targets, one unit each, optional) → columns
 * (mentors, integer capacities). Each row either takes one of its edges (cost = edge cost) or stays
 * unassigned (cost 0). The solver minimises the total cost.
 *
 * Method: successive shortest paths with potentials, one row at a time (the Hungarian / Jonker–Volgenant
 * augmentation generalised to column capacities). "Unassigned" is an extra column of unbounded capacity and
 * cost 0. Because there are few columns (mentors) and many rows, Dijkstra runs on the condensed residual graph
 * whose nodes are columns only: moving a row r from column m to column m' is the arc m → m' of reduced cost
 * rc(r, m') = c(r, m') − c(r, m) + v(m) − v(m'), and for each pair (m, m') the rows sitting at m are kept in a
 * heap keyed by the constant part c(r, m') − c(r, m) (stale entries are dropped lazily). The search stops at
 * the first column with spare capacity (or the unassigned column) it settles.
 *
 * Invariants (they make the result optimal, the same value an LP solver finds):
 * - dual feasibility: c(r, m) − u(r) − v(m) ≥ 0 for every edge, with u(r) = c(r, col(r)) − v(col(r));
 * - v(m) ≤ 0, and v(m) = 0 while column m has spare capacity (loads never go down);
 * - all costs are integers, so every distance and potential is an exact integer in a double.
 * Determinism: ties break on (distance, path-ending columns first, column index) and (key, row index); same
 * input → same output.
 *
 * Team rows (rowSecond, 多带一) take up to two different columns: the row is two units with the same edges, the
 * second dearer by rowSecond[r]; a unit may not move to the column its twin holds; see worker/mentors/README.md for
 * why the moves below are still exactly the residual arcs of the flow network.
 */

export interface TransportProblem {
  /** Number of columns (mentors). */
  columns: number;
  /** capacity[m] ≥ 0, integer. */
  capacity: ArrayLike<number>;
  /** Edges of row r are rowStart[r] .. rowStart[r + 1] − 1 (CSR); rows = rowStart.length − 1. */
  rowStart: ArrayLike<number>;
  edgeColumn: ArrayLike<number>;
  /** Integer costs (safe integers). */
  edgeCost: ArrayLike<number>;
  /**
   * Team rows (多带一): rowSecond[r] finite ≥ 0 = row r may take a second, different column, at its edge cost plus
   * this much; NaN (or no array) = an ordinary row of one unit. Problems with team rows are solved by team-flow.ts.
   */
  rowSecond?: ArrayLike<number>;
}

export interface TransportSolution {
  /** Edge index taken by each row, or −1 when the row stays unassigned. */
  rowEdge: Int32Array;
  /** Column of each row, or −1. */
  rowColumn: Int32Array;
  /** A team row's second edge and column (the other mentor of the team), or −1. */
  rowEdge2: Int32Array;
  rowColumn2: Int32Array;
  /** Sum of the costs of the taken edges. */
  objective: number;
  /** Final column potentials (dual values of the capacity constraints, ≤ 0). */
  potentials: Float64Array;
}

/** A binary min-heap of (key, id) pairs ordered by key, then id. */
class PairHeap {
  keys: number[] = [];
  ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, id: number): void {
    const keys = this.keys;
    const ids = this.ids;
    let i = keys.length;
    keys.push(key);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] < key || (keys[p] === key && ids[p] <= id)) break;
      keys[i] = keys[p];
      ids[i] = ids[p];
      i = p;
    }
    keys[i] = key;
    ids[i] = id;
  }

  pop(): void {
    const keys = this.keys;
    const ids = this.ids;
    const lastKey = keys.pop()!;
    const lastId = ids.pop()!;
    const n = keys.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (keys[c + 1] < keys[c] || (keys[c + 1] === keys[c] && ids[c + 1] < ids[c]))) c++;
      if (lastKey < keys[c] || (lastKey === keys[c] && lastId <= ids[c])) break;
      keys[i] = keys[c];
      ids[i] = ids[c];
      i = c;
    }
    keys[i] = lastKey;
    ids[i] = lastId;
  }

  clear(): void {
    this.keys.length = 0;
    this.ids.length = 0;
  }
}

function checkProblem(p: TransportProblem): void {
  const m = p.columns;
  if (!Number.isInteger(m) || m < 0) throw new Error(`columns must be a non-negative integer, got ${m}`);
  if (p.capacity.length !== m) throw new Error(`capacity has ${p.capacity.length} entries for ${m} columns`);
  for (let j = 0; j < m; j++) {
    const c = p.capacity[j];
    if (!Number.isInteger(c) || c < 0) throw new Error(`capacity[${j}] must be a non-negative integer, got ${c}`);
  }
  const rows = p.rowStart.length - 1;
  if (rows < 0 || p.rowStart[0] !== 0) throw new Error("rowStart must start at 0");
  const edges = p.edgeColumn.length;
  if (p.edgeCost.length !== edges) throw new Error("edgeColumn and edgeCost differ in length");
  if (p.rowStart[rows] !== edges) throw new Error(`rowStart ends at ${p.rowStart[rows]}, expected ${edges}`);
  const seen = new Int32Array(m).fill(-1);
  for (let r = 0; r < rows; r++) {
    if (p.rowStart[r + 1] < p.rowStart[r]) throw new Error(`rowStart decreases at row ${r}`);
    for (let e = p.rowStart[r]; e < p.rowStart[r + 1]; e++) {
      const j = p.edgeColumn[e];
      if (!Number.isInteger(j) || j < 0 || j >= m) throw new Error(`edge ${e} of row ${r} has column ${j} out of range`);
      if (seen[j] === r) throw new Error(`row ${r} has two edges to column ${j}`);
      seen[j] = r;
      if (!Number.isSafeInteger(p.edgeCost[e])) throw new Error(`edge ${e} has a non-integer cost ${p.edgeCost[e]}`);
    }
  }
  if (p.rowSecond) {
    if (p.rowSecond.length !== rows) throw new Error(`rowSecond has ${p.rowSecond.length} entries for ${rows} rows`);
    for (let r = 0; r < rows; r++) {
      const x = p.rowSecond[r];
      if (!Number.isNaN(x) && (!Number.isSafeInteger(x) || x < 0)) throw new Error(`rowSecond[${r}] must be NaN or a non-negative integer, got ${x}`);
    }
  }
}

export function solveTransportation(p: TransportProblem): TransportSolution {
  checkProblem(p);
  const M = p.columns;
  const NONE = M; // the "unassigned" column
  const W = M + 1;
  const rows = p.rowStart.length - 1;
  const { rowStart, edgeColumn, edgeCost, capacity } = p;

  // Team rows (多带一) get a twin unit: unit rows + k is the second unit of team row teamRow[k]. Both units share the
  // row's edges; the twin's cost is the edge cost plus second[r]. The twins never hold the same column (the
  // row→column arc has capacity 1), and the first unit is never the unassigned one while the twin is assigned
  // (relabelled after each augmentation), so a unit's cost is its true marginal cost.
  const teamRow: number[] = [];
  const twinOf: number[] = new Array(rows).fill(-1);
  if (p.rowSecond) {
    for (let r = 0; r < rows; r++) {
      if (!Number.isFinite(p.rowSecond[r])) continue;
      twinOf[r] = rows + teamRow.length;
      teamRow.push(r);
    }
  }
  const units = rows + teamRow.length;
  for (const r of teamRow) twinOf.push(r);
  const base = (q: number) => (q < rows ? q : teamRow[q - rows]);
  const extra = (q: number) => (q < rows ? 0 : p.rowSecond![teamRow[q - rows]]);
  const secondOf = (q: number) => (q < rows ? (twinOf[q] >= 0 ? p.rowSecond![q] : 0) : 0);

  const rowColumn = new Int32Array(units).fill(-1);
  const rowEdge = new Int32Array(units).fill(-1);
  const load = new Int32Array(M);
  const v = new Float64Array(W);

  // moveHeaps[m * W + m2]: units at m that could move to m2, keyed by c(r, m2) − c(r, m). Entries are checked when
  // they reach the top: still at m, and (team rows) the twin not at m2. Unassigning (m2 = NONE) saves the unit's
  // cost, plus second[r] when a team row's first unit leaves while its twin is assigned: the id then carries that
  // expectation (id = 2·unit + flag), and the entry counts only while it holds.
  const moveHeaps: (PairHeap | undefined)[] = new Array(M * W);
  const moveTargets: number[][] = Array.from({ length: M }, () => []);

  const dist = new Float64Array(W);
  const predRow = new Int32Array(W);
  const reachedAt = new Int32Array(W).fill(-1); // epoch in which dist was set
  const settledAt = new Int32Array(W).fill(-1);
  const settled: number[] = [];
  const frontier = new PairHeap();

  const heapFor = (m: number, m2: number): PairHeap => {
    const idx = m * W + m2;
    let h = moveHeaps[idx];
    if (h === undefined) {
      h = new PairHeap();
      moveHeaps[idx] = h;
      moveTargets[m].push(m2);
    }
    return h;
  };

  const assigned = (q: number) => q >= 0 && rowColumn[q] >= 0 && rowColumn[q] !== NONE;
  const pushUnassign = (q: number): void => {
    const column = rowColumn[q];
    if (column < 0 || column === NONE) return;
    const cost = edgeCost[rowEdge[q]] + extra(q);
    const both = q < rows && assigned(twinOf[q]);
    heapFor(column, NONE).push(-cost - (both ? secondOf(q) : 0), 2 * q + (both ? 1 : 0));
  };

  const place = (q: number, column: number, edge: number): void => {
    const from = rowColumn[q];
    const wasAssigned = assigned(q);
    rowColumn[q] = column;
    rowEdge[q] = edge;
    const twin = twinOf[q];
    if (twin >= 0 && assigned(twin)) {
      // The twin may now move into the column this unit left, and its unassigning saving changed with this unit.
      const at = rowColumn[twin];
      if (from >= 0 && from !== NONE && from !== column) {
        for (let e = rowStart[base(q)]; e < rowStart[base(q) + 1]; e++) {
          if (edgeColumn[e] === from) heapFor(at, from).push(edgeCost[e] - edgeCost[rowEdge[twin]], 2 * twin);
        }
      }
      if (wasAssigned !== assigned(q)) pushUnassign(twin);
    }
    if (column === NONE) return;
    const b = base(q);
    const own = edgeCost[edge];
    for (let e = rowStart[b]; e < rowStart[b + 1]; e++) {
      const m2 = edgeColumn[e];
      if (m2 !== column) heapFor(column, m2).push(edgeCost[e] - own, 2 * q);
    }
    pushUnassign(q);
  };

  /** Whether the heap entry `id` (2·unit + flag) at the top of moveHeaps[m → m2] still describes a possible move. */
  const valid = (id: number, m: number, m2: number): boolean => {
    const q = id >> 1;
    if (rowColumn[q] !== m) return false;
    const twin = twinOf[q];
    if (twin < 0) return true;
    if (m2 === NONE) return q >= rows || (id & 1) === (assigned(twin) ? 1 : 0);
    return rowColumn[twin] !== m2;
  };

  const edgeOf = (q: number, column: number): number => {
    if (column === NONE) return -1;
    const b = base(q);
    for (let e = rowStart[b]; e < rowStart[b + 1]; e++) if (edgeColumn[e] === column) return e;
    throw new Error("internal: row has no edge to its column");
  };

  const reach = (epoch: number, column: number, d: number, unit: number): void => {
    if (settledAt[column] === epoch) return;
    if (reachedAt[column] !== epoch || d < dist[column]) {
      reachedAt[column] = epoch;
      dist[column] = d;
      predRow[column] = unit;
      // At equal distance a column that can end the path comes first: fewer columns to settle.
      frontier.push(d, column === NONE || load[column] < capacity[column] ? column : W + column);
    }
  };

  // Any insertion order gives the optimum; most valuable units first makes later searches short, because a unit
  // worth less than what the full columns already hold then ends at "unassigned" at once. A twin is never cheaper
  // than its first unit and has a larger index, so it comes after it.
  const bestCost = new Float64Array(units);
  for (let q = 0; q < units; q++) {
    let best = 0;
    const b = base(q);
    for (let e = rowStart[b]; e < rowStart[b + 1]; e++) if (edgeCost[e] + extra(q) < best) best = edgeCost[e] + extra(q);
    bestCost[q] = best;
  }
  const order = Array.from({ length: units }, (_, q) => q).sort((a, b) => bestCost[a] - bestCost[b] || a - b);

  for (let epoch = 0; epoch < units; epoch++) {
    const r = order[epoch];
    frontier.clear();
    settled.length = 0;
    reach(epoch, NONE, -v[NONE], r);
    const twinAt = twinOf[r] >= 0 ? rowColumn[twinOf[r]] : -1;
    for (let e = rowStart[base(r)]; e < rowStart[base(r) + 1]; e++) {
      const m = edgeColumn[e];
      if (m !== twinAt) reach(epoch, m, edgeCost[e] + extra(r) - v[m], r);
    }

    let terminal = -1;
    while (frontier.size > 0) {
      const d = frontier.keys[0];
      const id = frontier.ids[0];
      const m = id >= W ? id - W : id;
      frontier.pop();
      if (settledAt[m] === epoch || d !== dist[m]) continue;
      settledAt[m] = epoch;
      if (m === NONE || load[m] < capacity[m]) {
        terminal = m;
        break;
      }
      settled.push(m);
      const targets = moveTargets[m];
      for (let i = 0; i < targets.length; i++) {
        const m2 = targets[i];
        if (settledAt[m2] === epoch) continue;
        const h = moveHeaps[m * W + m2]!;
        while (h.size > 0 && !valid(h.ids[0], m, m2)) h.pop();
        if (h.size === 0) continue;
        reach(epoch, m2, d + h.keys[0] + v[m] - v[m2], h.ids[0] >> 1);
      }
    }
    if (terminal < 0) throw new Error("internal: no augmenting path (the unassigned column is always reachable)");

    const delta = dist[terminal];
    for (const m of settled) v[m] += dist[m] - delta;

    // Shift units back along the path: each unit moves into the column it was reached at.
    const moved: number[] = [];
    let column = terminal;
    for (;;) {
      const unit = predRow[column];
      const from = rowColumn[unit];
      place(unit, column, edgeOf(unit, column));
      moved.push(unit);
      if (unit === r) break;
      column = from;
    }
    if (terminal !== NONE) load[terminal]++;
    // A team row with one unit assigned holds it as its first unit (the cheaper source arc).
    for (const unit of moved) {
      const first = unit < rows ? unit : base(unit);
      const twin = twinOf[first];
      if (twin < 0 || assigned(first) || !assigned(twin)) continue;
      const at = rowColumn[twin];
      const edge = rowEdge[twin];
      place(twin, NONE, -1);
      place(first, at, edge);
    }
  }

  let objective = 0;
  const rowEdge2 = new Int32Array(rows).fill(-1);
  const rowColumn2 = new Int32Array(rows).fill(-1);
  for (let q = 0; q < units; q++) {
    if (rowColumn[q] === NONE) rowColumn[q] = -1;
    else if (rowColumn[q] >= 0) objective += edgeCost[rowEdge[q]] + extra(q);
  }
  for (let k = 0; k < teamRow.length; k++) {
    const r = teamRow[k];
    const t = rows + k;
    if (rowColumn[t] < 0) continue;
    // The cheaper mentor is the row's first; which one carries the extra does not change the total.
    const swap = edgeCost[rowEdge[t]] < edgeCost[rowEdge[r]] || (edgeCost[rowEdge[t]] === edgeCost[rowEdge[r]] && rowEdge[t] < rowEdge[r]);
    rowEdge2[r] = swap ? rowEdge[r] : rowEdge[t];
    rowColumn2[r] = swap ? rowColumn[r] : rowColumn[t];
    if (swap) {
      rowEdge[r] = rowEdge[t];
      rowColumn[r] = rowColumn[t];
    }
  }
  return { rowEdge: rowEdge.slice(0, rows), rowColumn: rowColumn.slice(0, rows), rowEdge2, rowColumn2, objective, potentials: v.slice(0, M) };
}
