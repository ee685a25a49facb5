/**
 * A small Excel object model on office-addin-mock: properties read before load + sync come back as
 * "Error, property was not loaded"; every context.sync() is counted and logged as a read, a write or both
 * (what was queued before it). Objects made inside mocked methods (ranges, sheets, settings) are not in the
 * mock's tree, so this context's sync() syncs them explicitly. Like Excel, a queued operation that fails
 * (ItemNotFound, a load Excel refuses) rejects the sync and drops everything queued after it.
 */
import { OfficeMockObject } from "office-addin-mock";
import { vi } from "vitest";
import { columnIndex } from "../../ledger/columns.ts";
import type { ExcelRunner } from "../../addin/excel/excel-ledger-workbook.ts";

export interface MockSheetSpec {
  name: string;
  rows: number;
  columns: number;
  cell: (row: number, column: number) => unknown;
}

export interface FormatRecord {
  id: string;
  sheet: string;
  areas: string;
  /** Excel.ConditionalFormatType: "Custom", "ColorScale", "DataBar" … */
  type: string;
  formula?: string;
  fill?: string;
  addedAtSync: number;
  deleted: boolean;
}

/** What a sync carried: loads only, changes only, both, or nothing. */
export type SyncKind = "read" | "write" | "read+write" | "empty";

/** A conditional format already on the sheet (the clerk's own, or one of ours from an earlier session). */
export interface FormatSpec {
  id: string;
  type?: string;
  formula?: string;
  areas?: string;
}

export interface MockExcel {
  run: ExcelRunner;
  sync: ReturnType<typeof vi.fn>;
  /** One entry per context.sync(), in order. */
  syncKinds: SyncKind[];
  settings: Map<string, string>;
  formats: FormatRecord[];
  /** Addresses whose values were loaded, with the sync that delivered them. */
  reads: { address: string; values: unknown[][]; sync: number }[];
  /** Values assigned to ranges, with the sync that sent them. */
  writes: { sheet: string; address: string; values: unknown[][]; sync: number }[];
  selected: string[];
  sheets: Map<string, MockSheetSpec>;
  fills: { sheet: string; address: string; color: string }[];
  charts: { sheet: string; type: string; values: string; xAxis?: string; title?: string }[];
}

function parseAddress(address: string): { r1: number; c1: number; r2: number; c2: number } {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) throw new Error(`bad address ${address}`);
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]);
  return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? columnIndex(m[3]) : c1 };
}

const FORMAT_LOADS = new Set(["items/id", "items/type", "items/customOrNullObject/rule/formula", "items/custom/rule/formula"]);

function excelError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export interface MockOptions {
  settings?: Record<string, string>;
  /** Conditional formats already on the first sheet; a bare id is a clerk's custom rule "=TRUE". */
  formats?: (string | FormatSpec)[];
  /** Excel fails to describe some rule on the sheet (office-js#6835): loading the formats' rules fails. */
  unreadableRules?: boolean;
}

export function mockExcel(initial: MockSheetSpec, options: MockOptions = {}): MockExcel {
  const pending: OfficeMockObject[] = [];
  const afterSync: (() => void)[] = [];
  let queued = { read: false, write: false };
  const wrote = () => (queued.write = true);
  const state: MockExcel = {
    run: null as unknown as ExcelRunner,
    sync: null as unknown as ReturnType<typeof vi.fn>,
    syncKinds: [],
    settings: new Map(Object.entries(options.settings ?? {})),
    formats: (options.formats ?? []).map((f) => {
      const spec = typeof f === "string" ? { id: f } : f;
      return { id: spec.id, sheet: initial.name, areas: spec.areas ?? "A1", type: spec.type ?? "Custom", formula: spec.formula ?? (spec.type ? undefined : "=TRUE"), addedAtSync: 0, deleted: false };
    }),
    reads: [],
    writes: [],
    selected: [],
    sheets: new Map([[initial.name, initial]]),
    fills: [],
    charts: [],
  };
  let syncs = 0;
  let nextId = 1;

  const track = <T extends OfficeMockObject>(o: T): T => {
    const load = o.load.bind(o);
    (o as unknown as { load: (p: string) => unknown }).load = (props: string) => {
      queued.read = true;
      return load(props);
    };
    pending.push(o);
    return o;
  };

  function makeRange(sheetName: string, address: string) {
    const spec = state.sheets.get(sheetName)!;
    const { r1, c1, r2, c2 } = parseAddress(address);
    const slice = (): unknown[][] => {
      const out: unknown[][] = [];
      for (let r = r1; r <= r2; r++) {
        const row: unknown[] = [];
        for (let c = c1; c <= c2; c++) row.push(r <= spec.rows && c < spec.columns ? spec.cell(r, c) : "");
        out.push(row);
      }
      return out;
    };
    const range = track(new OfficeMockObject({ address }));
    // values are produced only when loaded, so a 100,000-row sheet is never built whole.
    let valuesLoaded = false;
    let assigned: unknown[][] | null = null;
    const base = range.load.bind(range);
    Object.defineProperty(range, "values", {
      get: () => (valuesLoaded ? (assigned ?? slice()) : "Error, property was not loaded"),
      set: (v: unknown[][]) => {
        wrote();
        assigned = v;
        state.writes.push({ sheet: sheetName, address, values: v, sync: syncs + 1 });
      },
    });
    Object.assign(range, {
      load(props: string) {
        if (props.split(",").includes("values")) {
          queued.read = true;
          afterSync.push(() => {
            valuesLoaded = true;
            state.reads.push({ address, values: slice(), sync: syncs });
          });
          return range;
        }
        return base(props);
      },
      format: {
        font: {},
        fill: { set color(color: string) { wrote(); state.fills.push({ sheet: sheetName, address, color }); } },
        autofitColumns: () => undefined,
      },
      select: () => state.selected.push(`${sheetName}!${address}`),
      mockAddress: address,
      numberFormat: undefined,
      conditionalFormats: formatCollection(sheetName, address),
    });
    return range;
  }

  function queueDelete(find: () => FormatRecord | undefined, what: string): void {
    wrote();
    afterSync.push(() => {
      const f = find();
      if (!f || f.deleted) throw excelError("ItemNotFound", `The requested resource doesn't exist: ${what}`);
      f.deleted = true;
    });
  }

  function formatCollection(sheetName: string, areas: string) {
    const coll = {
      items: "Error, property was not loaded" as unknown,
      load(props: string) {
        const paths = props.split(",").map((p) => p.trim());
        for (const p of paths) if (!FORMAT_LOADS.has(p)) throw new Error(`unexpected load ${p}`);
        queued.read = true;
        afterSync.push(() => {
          const live = state.formats.filter((f) => f.sheet === sheetName && !f.deleted);
          const rules = paths.some((p) => p.includes("/rule/"));
          if (rules && options.unreadableRules) throw excelError("GeneralException", "An internal error has occurred.");
          // office-js#2180: `custom` on a colour scale or data bar fails the whole load.
          if (paths.includes("items/custom/rule/formula") && live.some((f) => f.type !== "Custom")) {
            throw excelError("InvalidOperation", "This operation is not permitted for the current object.");
          }
          coll.items = live.map((f) => ({
            id: f.id,
            type: f.type,
            customOrNullObject: { isNullObject: f.type !== "Custom", rule: { formula: f.formula } },
            delete: () => queueDelete(() => f, f.id),
          }));
        });
      },
      getItem(id: string) {
        return { delete: () => queueDelete(() => state.formats.find((f) => f.id === id && f.sheet === sheetName), id) };
      },
      add(type: string) {
        if (type !== "Custom") throw new Error(`unexpected format type ${type}`);
        wrote();
        const record: FormatRecord = { id: "", sheet: sheetName, areas, type, addedAtSync: syncs + 1, deleted: false };
        afterSync.push(() => {
          record.id = `cf-${nextId++}`;
          state.formats.push(record);
        });
        return {
          load() {
            throw new Error("marks need no ids back");
          },
          custom: {
            rule: { set formula(f: string) { record.formula = f; } },
            format: { fill: { set color(c: string) { record.fill = c; } } },
          },
        };
      },
    };
    return coll;
  }

  function makeSheet(name: string) {
    const sheet = track(new OfficeMockObject({ name }));
    Object.assign(sheet, {
      isNullObject: false,
      getUsedRangeOrNullObject: () => {
        const spec = state.sheets.get(name)!;
        const used = track(new OfficeMockObject({ rowIndex: 0, columnIndex: 0, rowCount: spec.rows, columnCount: spec.columns }));
        (used as unknown as { isNullObject: boolean }).isNullObject = spec.rows === 0;
        return used;
      },
      getRange: (address?: string) => (address ? makeRange(name, address) : { conditionalFormats: formatCollection(name, "*") }),
      getRanges: (addresses: string) => {
        if (addresses.split(",").length > 500 || addresses.length > 8_200) throw new Error("RangeAreas too large");
        return { conditionalFormats: formatCollection(name, addresses) };
      },
      activate: () => undefined,
      delete: () => (wrote(), afterSync.push(() => state.sheets.delete(name))),
      tables: { add: () => ({}) },
      charts: {
        add: (type: string, values: { mockAddress: string }) => {
          const chart: MockExcel["charts"][number] = { sheet: name, type, values: values.mockAddress };
          state.charts.push(chart);
          return {
            series: { getItemAt: () => ({ setXAxisValues: (r: { mockAddress: string }) => (chart.xAxis = r.mockAddress) }) },
            title: { set text(t: string) { chart.title = t; } },
            legend: {},
            setPosition: () => undefined,
          };
        },
      },
    });
    return sheet;
  }

  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getActiveWorksheet: () => makeSheet(initial.name),
        getItem: (name: string) => {
          if (!state.sheets.has(name)) throw new Error(`ItemNotFound ${name}`);
          return makeSheet(name);
        },
        getItemOrNullObject: (name: string) => {
          const s = makeSheet(name);
          (s as unknown as { isNullObject: boolean }).isNullObject = !state.sheets.has(name);
          return s;
        },
        add: (name: string) => {
          wrote();
          state.sheets.set(name, { name, rows: 0, columns: 0, cell: () => "" });
          return makeSheet(name);
        },
      },
      settings: {
        getItemOrNullObject: (key: string) => {
          const item = track(new OfficeMockObject({ value: state.settings.get(key) ?? "" }));
          (item as unknown as { isNullObject: boolean }).isNullObject = !state.settings.has(key);
          return item;
        },
        add: (key: string, value: string) => {
          wrote();
          afterSync.push(() => state.settings.set(key, value));
        },
      },
    },
  });

  const treeSync = context.sync.bind(context);
  const sync = vi.fn(async () => {
    syncs++;
    state.syncKinds.push(queued.read && queued.write ? "read+write" : queued.read ? "read" : queued.write ? "write" : "empty");
    queued = { read: false, write: false };
    await treeSync();
    for (const o of pending.splice(0)) await o.sync();
    for (const f of afterSync.splice(0)) f();
  });
  (context as unknown as { sync: typeof sync }).sync = sync;
  state.sync = sync;
  state.run = (async (batch: (c: Excel.RequestContext) => Promise<unknown>) => batch(context as unknown as Excel.RequestContext)) as ExcelRunner;
  return state;
}
