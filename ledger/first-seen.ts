/**
 * The first row each (unit, case number) appeared on, for duplicate_case_no. A ledger of 100,000 rows asks once
 * per row, so this is an open-addressing table of 32-bit hashes in typed arrays rather than a Map: a probe reads
 * one small array, and the strings are compared only when their hashes agree. It keeps references to the cells'
 * own strings and makes no new ones.
 */

/** FNV-1a over UTF-16 code units, starting from `seed`. */
function hashText(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
  return h;
}

const FNV_OFFSET = 0x811c9dc5 | 0;

export type TextHash = (s: string, seed: number) => number;

export class FirstSeen {
  /** Per slot: the entry's hash, and its index + 1 (0 = empty slot). */
  private slotHash: Int32Array;
  private slotEntry: Int32Array;
  private mask: number;
  private readonly units: string[] = [];
  private readonly caseNos: string[] = [];
  private rows: Int32Array;
  private count = 0;
  private lastUnit: string | null = null;
  private lastUnitHash = 0;

  private readonly hash: TextHash;

  /** `hash` is replaceable so tests can force collisions. */
  constructor(hash: TextHash = hashText, capacity = 1024) {
    this.hash = hash;
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slotHash = new Int32Array(size);
    this.slotEntry = new Int32Array(size);
    this.mask = size - 1;
    this.rows = new Int32Array(size >> 1);
  }

  /** The row `caseNo` of `unit` was first seen on; when this is the first time, remembers `row` and returns -1. */
  firstRow(unit: string, caseNo: string, row: number): number {
    if (unit !== this.lastUnit) {
      this.lastUnit = unit;
      this.lastUnitHash = this.hash(unit, FNV_OFFSET);
    }
    const h = this.hash(caseNo, this.lastUnitHash ^ 0x5bd1e995);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slotEntry[slot];
      if (entry === 0) break;
      if (this.slotHash[slot] === h && this.caseNos[entry - 1] === caseNo && this.units[entry - 1] === unit) return this.rows[entry - 1];
    }
    if (this.count === this.rows.length) this.grow();
    const entry = this.count++;
    this.units.push(unit);
    this.caseNos.push(caseNo);
    this.rows[entry] = row;
    this.place(h, entry + 1);
    return -1;
  }

  private place(h: number, entry: number): void {
    let slot = h & this.mask;
    while (this.slotEntry[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slotHash[slot] = h;
    this.slotEntry[slot] = entry;
  }

  /** Twice the room: the table stays at most half full, so probes stay short. */
  private grow(): void {
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
    const oldHash = this.slotHash;
    const oldEntry = this.slotEntry;
    this.slotHash = new Int32Array(oldHash.length * 2);
    this.slotEntry = new Int32Array(oldEntry.length * 2);
    this.mask = this.slotEntry.length - 1;
    for (let s = 0; s < oldEntry.length; s++) if (oldEntry[s] !== 0) this.place(oldHash[s], oldEntry[s]);
  }
}
