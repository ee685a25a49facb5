/**
 * A small Excel object model on office-addin-mock: properties read before load + sync come back as
 * "Error, property was not loaded"; every context.sync() is counted. Objects made inside mocked methods
 * (ranges, sheets, settings) are not in the mock's tree, so this context's sync() syncs them explicitly.
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
  formula?: string;
  fill?: string;
  addedAtSync: number;
  deleted: boolean;
}

export interface MockExcel {
  run: ExcelRunner;
  sync: ReturnType<typeof vi.fn>;
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

export function mockExcel(initial: MockSheetSpec, options: { settings?: Record<string, string>; formatIds?: string[] } = {}): MockExcel {
  const pending: OfficeMockObject[] = [];
  const afterSync: (() => void)[] = [];
  const state: MockExcel = {
    run: null as unknown as ExcelRunner,
    sync: null as unknown as ReturnType<typeof vi.fn>,
    settings: new Map(Object.entries(options.settings ?? {})),
    formats: (options.formatIds ?? []).map((id) => ({ id, sheet: initial.name, areas: "A1", addedAtSync: 0, deleted: false })),
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
        assigned = v;
        state.writes.push({ sheet: sheetName, address, values: v, sync: syncs + 1 });
      },
    });
    Object.assign(range, {
      load(props: string) {
        if (props.split(",").includes("values")) {
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
        fill: { set color(color: string) { state.fills.push({ sheet: sheetName, address, color }); } },
        autofitColumns: () => undefined,
      },
      select: () => state.selected.push(`${sheetName}!${address}`),
      mockAddress: address,
      numberFormat: undefined,
      conditionalFormats: formatCollection(sheetName, address),
    });
    return range;
  }

  function formatCollection(sheetName: string, areas: string) {
    const coll = {
      items: "Error, property was not loaded" as unknown,
      load(props: string) {
        if (props !== "items/id") throw new Error(`unexpected load ${props}`);
        afterSync.push(() => {
          coll.items = state.formats
            .filter((f) => f.sheet === sheetName && !f.deleted)
            .map((f) => ({ id: f.id, delete: () => afterSync.push(() => (f.deleted = true)) }));
        });
      },
      add(type: string) {
        if (type !== "Custom") throw new Error(`unexpected format type ${type}`);
        const record: FormatRecord = { id: "", sheet: sheetName, areas, addedAtSync: syncs + 1, deleted: false };
        let idLoaded = false;
        const format = {
          load(props: string) {
            if (props !== "id") throw new Error(`unexpected load ${props}`);
            afterSync.push(() => (idLoaded = true));
          },
          get id() {
            return idLoaded ? record.id : "Error, property was not loaded";
          },
        };
        afterSync.push(() => {
          record.id = `cf-${nextId++}`;
          state.formats.push(record);
        });
        Object.assign(format, {
          custom: {
            rule: { set formula(f: string) { record.formula = f; } },
            format: { fill: { set color(c: string) { record.fill = c; } } },
          },
        });
        return format;
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
      delete: () => afterSync.push(() => state.sheets.delete(name)),
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
          afterSync.push(() => state.settings.set(key, value));
        },
      },
    },
  });

  const treeSync = context.sync.bind(context);
  const sync = vi.fn(async () => {
    syncs++;
    await treeSync();
    for (const o of pending.splice(0)) await o.sync();
    for (const f of afterSync.splice(0)) f();
  });
  (context as unknown as { sync: typeof sync }).sync = sync;
  state.sync = sync;
  state.run = (async (batch: (c: Excel.RequestContext) => Promise<unknown>) => batch(context as unknown as Excel.RequestContext)) as ExcelRunner;
  return state;
}
