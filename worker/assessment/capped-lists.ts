/**
 * Lists a person reads that must not grow with one dispute's repetitions: one clerk's 10,000 cases between the same
 * two parties were 10,000 near-identical lines (4–6 MB) in GET /api/flags and the digest. Of each group (one
 * dispute) only the first few items are listed, and the first of them says how many more there are ("另有 N 件");
 * the totals beside a list still count every item.
 */
export interface Capped<T> {
  item: T;
  /** Items of the same group left out of the list: non-zero only on the group's first listed item. */
  more: number;
}

/**
 * The first `cap` items of each group by `order`, the groups in the order they first appear; every item when the
 * group has no more than `cap`. Linear in the items, plus sorting the groups that are over the cap.
 */
export function firstPerGroup<T>(items: readonly T[], key: (t: T) => string, order: (a: T, b: T) => number, cap: number): Capped<T>[] {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  const out: Capped<T>[] = [];
  for (const g of groups.values()) {
    if (g.length <= cap) {
      for (const item of g) out.push({ item, more: 0 });
      continue;
    }
    g.sort(order);
    for (let i = 0; i < cap; i++) out.push({ item: g[i], more: i === 0 ? g.length - cap : 0 });
  }
  return out;
}
