// Excel.RequestContext and the proxy objects of the Excel double, with Office.js's deferred semantics:
// methods and property writes are queued and run in order at context.sync(); a property can be read only
// after load() and a sync; objects of one Excel.run are dead after it ends. Only the subset addin/hosts/excel/ uses.
import { MAX_COLUMNS, MAX_ROWS, intersects, parseRect, rectAddress, rectCells, type Rect } from "./address.ts";
import { ExcelDoubleError, propertyNotLoaded } from "./errors.ts";
import {
  activeSheet, emptySheet, newId, readValues, setFormat, sheetByName, SETTINGS_MAX_BYTES, tablesOverlapping, usedRect, writeCell,
  type ChartModel, type ConditionalFormatModel, type SheetModel, type TableModel, type WorkbookModel,
} from "./model.ts";
import type { ReadRecord, Recorder, SyncKind, SyncRecord, WriteKind } from "./recorder.ts";

/** Excel on the web rejects requests and responses over 5 MB, and single reads over 5,000,000 cells. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
export const READ_CELL_LIMIT = 5_000_000;
/** RangeAreas fail around 500 areas / ~8.2k address characters (TOOLCHAIN-NOTES). */
export const RANGE_AREAS_LIMIT = 500;
export const RANGE_AREAS_ADDRESS_CHARS = 8_192;

export interface DoubleState {
  workbook: WorkbookModel;
  recorder: Recorder;
  /**
   * The ExcelApi 1.x this Excel claims (13 when absent: Excel on the web as the pane uses it). A call above it is
   * recorded in recorder.aboveSet and fails its sync with ApiNotFound, as an older Excel answers an API it lacks.
   */
  excelApiMinor?: number;
}

/** The highest ExcelApi 1.x the double answers when no older version is claimed. */
export const DEFAULT_EXCEL_API_MINOR = 13;

/** "1.7" → 7; refuses anything but an ExcelApi 1.x version. */
export function excelApiMinor(version: string): number {
  const m = /^1\.(\d{1,2})$/.exec(version);
  if (!m) throw new Error(`Excel double: ExcelApi version "${version}" is not 1.x`);
  return Number(m[1]);
}

/**
 * An API of ExcelApi 1.<minor> was used: fine when this Excel has that set; otherwise recorded, and the sync that
 * carries it fails as Excel fails it (office.js from the CDN has every method; the old host refuses at sync).
 */
function requireSet(ctx: RequestContext, minor: number, member: string): void {
  if (minor <= (ctx.state.excelApiMinor ?? DEFAULT_EXCEL_API_MINOR)) return;
  ctx.state.recorder.aboveSet.push(`${member} (ExcelApi 1.${minor})`);
  ctx.enqueue({
    label: `${member} (above the claimed set)`,
    kind: "get",
    run: () => {
      throw new ExcelDoubleError("ApiNotFound", `The API you are trying to use could not be found. It may be available in a newer version of Excel: ${member} needs ExcelApi 1.${minor}.`);
    },
  });
}

interface Op {
  label: string;
  run(): void;
  requestBytes?: number;
  /** Getting an object, loading properties, or a change to the workbook (the default). */
  kind?: "get" | "load" | "write";
}

function syncKind(ops: readonly Op[]): SyncKind {
  const read = ops.some((o) => o.kind === "load");
  const write = ops.some((o) => (o.kind ?? "write") === "write");
  return read && write ? "read+write" : read ? "read" : write ? "write" : "empty";
}

const encoder = new TextEncoder();
function jsonBytes(v: unknown): number {
  return encoder.encode(JSON.stringify(v)).length;
}

export class RequestContext {
  readonly workbook: Workbook;
  readonly state: DoubleState;
  readonly runIndex: number;
  queue: Op[] = [];
  closed = false;
  current: SyncRecord | null = null;

  constructor(state: DoubleState, runIndex: number) {
    this.state = state;
    this.runIndex = runIndex;
    this.workbook = new Workbook(this);
  }

  enqueue(op: Op): void {
    this.assertOpen();
    this.queue.push(op);
  }

  assertOpen(): void {
    if (this.closed) {
      throw new ExcelDoubleError("InvalidObjectPath", "The object path isn't working for what you're trying to do. An object was used after its Excel.run batch ended.");
    }
  }

  write(kind: WriteKind, sheet?: SheetModel, rect?: Rect, detail?: unknown): void {
    this.state.recorder.writes.push({ sync: this.current!.index, kind, sheet: sheet?.name, address: rect ? rectAddress(rect) : undefined, detail });
  }

  read(record: Omit<ReadRecord, "sync">): void {
    this.state.recorder.reads.push({ sync: this.current!.index, ...record });
  }

  addResponseBytes(bytes: number): void {
    this.current!.responseBytes += bytes;
  }

  async sync(): Promise<void> {
    this.assertOpen();
    const ops = this.queue;
    this.queue = [];
    const record: SyncRecord = {
      index: this.state.recorder.syncs.length + 1,
      run: this.runIndex,
      ops: ops.map((o) => o.label),
      requestBytes: ops.reduce((n, o) => n + (o.requestBytes ?? 64), 0),
      responseBytes: 0,
      at: performance.now(),
      kind: syncKind(ops),
    };
    this.state.recorder.syncs.push(record);
    // A real sync is a round trip to the host: the page gets to run (and repaint) meanwhile.
    await new Promise((r) => setTimeout(r, 0));
    this.current = record;
    try {
      if (record.requestBytes > PAYLOAD_LIMIT_BYTES) {
        throw new ExcelDoubleError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
      }
      for (const op of ops) op.run();
      if (record.responseBytes > PAYLOAD_LIMIT_BYTES) {
        throw new ExcelDoubleError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      }
    } catch (e) {
      record.failed = (e as Error).message;
      throw e;
    } finally {
      this.current = null;
    }
  }
}

function splitProps(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec === "string") return spec.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap(splitProps);
  if (spec && typeof spec === "object" && "select" in spec) return splitProps((spec as { select: unknown }).select);
  return [];
}

/** A proxy for one Excel object: queued binding, loaded property snapshots, isNullObject after sync. */
abstract class ClientObject<T> {
  protected readonly ctx: RequestContext;
  protected readonly typeName: string;
  private bound = false;
  private model: T | null = null;
  protected readonly loaded = new Map<string, unknown>();

  constructor(ctx: RequestContext, typeName: string, resolve: (() => T | null) | null) {
    this.ctx = ctx;
    this.typeName = typeName;
    if (resolve) ctx.enqueue({ label: `${typeName}.get`, kind: "get", run: () => this.bindTo(resolve()) });
  }

  protected bindTo(ref: T | null): void {
    this.model = ref;
    this.bound = true;
  }

  get isNullObject(): boolean {
    this.ctx.assertOpen();
    if (!this.bound) throw propertyNotLoaded("isNullObject", this.typeName);
    return this.model === null;
  }

  /** The model object, at sync time. */
  target(): T {
    if (!this.bound) throw new ExcelDoubleError("InvalidObjectPath", `${this.typeName} used before it exists`);
    if (this.model === null) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist (${this.typeName} is a null object).`);
    return this.model;
  }

  load(spec?: unknown): this {
    const props = splitProps(spec);
    this.ctx.enqueue({
      label: `${this.typeName}.load(${props.join(",")})`,
      kind: "load",
      run: () => {
        if (this.bound && this.model === null) return;
        const t = this.target();
        let bytes = 0;
        for (const p of props) {
          // Excel's answers arrive as JSON: the page gets copies, never the workbook's own arrays.
          const json = JSON.stringify(this.readProperty(t, p)) ?? "null";
          bytes += encoder.encode(json).length;
          this.loaded.set(p, JSON.parse(json));
        }
        this.ctx.addResponseBytes(bytes);
        this.ctx.read({ object: this.typeName, properties: props, ...this.where(t), bytes });
      },
    });
    return this;
  }

  get<V>(property: string): V {
    this.ctx.assertOpen();
    if (!this.loaded.has(property)) throw propertyNotLoaded(property, this.typeName);
    return this.loaded.get(property) as V;
  }

  protected set(label: string, run: (t: T) => void, requestBytes?: number): void {
    this.ctx.enqueue({ label: `${this.typeName}.${label}`, run: () => run(this.target()), requestBytes });
  }

  /** Where the object is, for the recorder's reads. */
  protected where(_t: T): { sheet?: string; address?: string } {
    return {};
  }

  protected readProperty(_t: T, property: string): unknown {
    throw new ExcelDoubleError("InvalidArgument", `The double does not load ${this.typeName}.${property}`);
  }
}

// ---------------------------------------------------------------- workbook, sheets, settings

export class Workbook {
  readonly worksheets: WorksheetCollection;
  readonly settings: SettingCollection;
  private readonly ctx: RequestContext;
  constructor(ctx: RequestContext) {
    this.ctx = ctx;
    this.worksheets = new WorksheetCollection(ctx);
    this.settings = new SettingCollection(ctx);
  }
  /**
   * ExcelApi 1.9: the selected areas (a Ctrl-click selection has several). Excel always has a selection; a workbook
   * nobody clicked in has A1 of the active sheet selected.
   */
  getSelectedRanges(): RangeAreas {
    requireSet(this.ctx, 9, "Workbook.getSelectedRanges");
    return new RangeAreas(this.ctx, () => {
      const wb = this.ctx.state.workbook;
      const sel = wb.selection;
      const sheet = (sel && sheetByName(wb, sel.sheet)) || activeSheet(wb);
      const address = sel && sel.sheet === sheet.name ? sel.address : "A1";
      const areas = address.split(",").map((a) => parseRect(a));
      if (areas.some((a) => a === null)) throw new ExcelDoubleError("InvalidArgument", `bad selection ${address}`);
      return { sheet, areas: areas as Rect[] };
    });
  }
  /** ExcelApi 1.1: the selected range; of a Ctrl-click selection, Excel gives the first area only (its active one). */
  getSelectedRange(): Range {
    return selectedRange(this.ctx);
  }
}

/** The selection as a single range (ExcelApi 1.1): a Ctrl-click selection answers its first area only. */
function selectedRange(ctx: RequestContext): Range {
  return new Range(ctx, () => {
    const wb = ctx.state.workbook;
    const sel = wb.selection;
    const sheet = (sel && sheetByName(wb, sel.sheet)) || activeSheet(wb);
    const address = sel && sel.sheet === sheet.name ? sel.address.split(",")[0] : "A1";
    const rect = parseRect(address);
    if (!rect) throw new ExcelDoubleError("InvalidArgument", `bad selection ${address}`);
    return { sheet, rect };
  });
}

function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: sheet name "${name}".`);
  }
}

class WorksheetCollection {
  private readonly ctx: RequestContext;
  private loadedItems: Worksheet[] | null = null;
  constructor(ctx: RequestContext) {
    this.ctx = ctx;
  }
  get items(): Worksheet[] {
    this.ctx.assertOpen();
    if (!this.loadedItems) throw propertyNotLoaded("items", "WorksheetCollection");
    return this.loadedItems;
  }
  /** load("items/name"): every sheet in tab order, with the properties asked for, in one sync. */
  load(spec?: unknown): this {
    const props = splitProps(spec).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue({
      label: `WorksheetCollection.load(${props.join(",")})`,
      kind: "load",
      run: () => {
        const items = this.wb.sheets.map((sheet) => {
          const ws = new Worksheet(this.ctx, null);
          ws.attach(sheet);
          ws.fill(props);
          return ws;
        });
        const bytes = jsonBytes(items.map((i) => i.snapshot(props)));
        this.ctx.addResponseBytes(bytes);
        this.ctx.read({ object: "WorksheetCollection", properties: props.map((p) => `items/${p}`), bytes });
        this.loadedItems = items;
      },
    });
    return this;
  }
  private get wb(): WorkbookModel {
    return this.ctx.state.workbook;
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.ctx, () => activeSheet(this.wb));
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, () => {
      const s = sheetByName(this.wb, name);
      if (!s) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: worksheet "${name}".`);
      return s;
    });
  }
  getItemOrNullObject(name: string): Worksheet {
    requireSet(this.ctx, 4, "WorksheetCollection.getItemOrNullObject");
    return new Worksheet(this.ctx, () => sheetByName(this.wb, name) ?? null);
  }
  add(name: string): Worksheet {
    const ws = new Worksheet(this.ctx, null);
    this.ctx.enqueue({
      label: `WorksheetCollection.add(${name})`,
      run: () => {
        checkSheetName(name);
        if (sheetByName(this.wb, name)) throw new ExcelDoubleError("ItemAlreadyExists", `A resource with the same name or identifier already exists: worksheet "${name}".`);
        const sheet = emptySheet(newId(this.wb, "sheet"), name);
        this.wb.sheets.push(sheet);
        this.ctx.write("addSheet", sheet);
        ws.attach(sheet);
      },
    });
    return ws;
  }
}

type Footers = { leftFooter: string; centerFooter: string; rightFooter: string };
type PrintModel = NonNullable<SheetModel["print"]>;

class Worksheet extends ClientObject<SheetModel> {
  readonly tables: TableCollection;
  readonly charts: ChartCollection;
  /**
   * PageLayout (ExcelApi 1.9): paper, orientation, zoom (fit to pages), print title rows and the footers of every
   * page, each footer section set on its own.
   */
  readonly pageLayout: { headersFooters: { defaultForAllPages: Footers }; paperSize: string; orientation: string; zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; setPrintTitleRows(rows: Range | string): void };
  /** Page breaks above a range's first row (ExcelApi 1.9). */
  readonly horizontalPageBreaks: { add(range: Range | string): void };
  /** Frozen panes (ExcelApi 1.7). */
  readonly freezePanes: { freezeAt(range: Range | string): void; freezeRows(count?: number): void; freezeColumns(count?: number): void };
  constructor(ctx: RequestContext, resolve: (() => SheetModel | null) | null) {
    super(ctx, "Worksheet", resolve);
    this.tables = new TableCollection(ctx, this);
    this.charts = new ChartCollection(ctx, this);
    const footer = (section: "left" | "center" | "right") => ({
      get: (): string => {
        throw propertyNotLoaded(`${section}Footer`, "HeaderFooter");
      },
      set: (text: string) => {
        requireSet(this.ctx, 9, "Worksheet.pageLayout");
        this.set(`pageLayout.${section}Footer`, (sheet) => {
          sheet.footer = { ...sheet.footer, [section]: text };
          this.ctx.write("footer", sheet, undefined, { [section]: text });
        });
      },
    });
    const page = {};
    Object.defineProperties(page, { leftFooter: footer("left"), centerFooter: footer("center"), rightFooter: footer("right") });
    const printing = (label: string, patch: (sheet: SheetModel) => Partial<PrintModel>) => {
      requireSet(this.ctx, 9, `Worksheet.pageLayout.${label}`);
      this.set(`pageLayout.${label}`, (sheet) => {
        const change = patch(sheet);
        sheet.print = { ...sheet.print, ...change };
        this.ctx.write("pageLayout", sheet, undefined, change);
      });
    };
    const notLoaded = (p: string) => () => {
      throw propertyNotLoaded(p, "PageLayout");
    };
    const rowsOf = (x: Range | string): Rect => {
      if (typeof x !== "string") return x.ref().rect;
      const rows = /^\$?(\d+):\$?(\d+)$/.exec(x);
      const rect = rows ? { r1: Number(rows[1]) - 1, r2: Number(rows[2]) - 1, c1: 0, c2: MAX_COLUMNS - 1 } : parseRect(x);
      if (!rect) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: "${x}".`);
      return rect;
    };
    const layout = {
      headersFooters: { defaultForAllPages: page as Footers },
      setPrintTitleRows: (rows: Range | string) => printing("setPrintTitleRows", () => {
        const rect = rowsOf(rows);
        return { titleRows: `$${rect.r1 + 1}:$${rect.r2 + 1}` };
      }),
    };
    Object.defineProperties(layout, {
      paperSize: {
        get: notLoaded("paperSize"),
        set: (v: string) => printing("paperSize", () => ({ paper: v })),
      },
      orientation: {
        get: notLoaded("orientation"),
        set: (v: string) => printing("orientation", () => {
          if (v !== "Portrait" && v !== "Landscape") throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: orientation ${v}.`);
          return { orientation: v === "Portrait" ? "portrait" : "landscape" };
        }),
      },
      zoom: {
        get: notLoaded("zoom"),
        set: (z: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) => printing("zoom", () => {
          if (z.scale !== undefined && (z.horizontalFitToPages !== undefined || z.verticalFitToPages !== undefined)) {
            throw new ExcelDoubleError("InvalidArgument", "The argument is invalid or missing or has an incorrect format: zoom has both a scale and pages to fit.");
          }
          return { fitWide: z.horizontalFitToPages, fitTall: z.verticalFitToPages };
        }),
      },
    });
    this.pageLayout = layout as Worksheet["pageLayout"];
    this.horizontalPageBreaks = {
      add: (range: Range | string) => {
        requireSet(this.ctx, 9, "Worksheet.horizontalPageBreaks.add");
        this.set("horizontalPageBreaks.add", (sheet) => {
          const row = rowsOf(range).r1;
          sheet.print = { ...sheet.print, breaksBefore: [...new Set([...(sheet.print?.breaksBefore ?? []), row])].sort((a, b) => a - b) };
          this.ctx.write("pageBreak", sheet, undefined, { before: row });
        });
      },
    };
    const freeze = (label: string, frozen: (sheet: SheetModel) => { rows: number; columns: number }) => {
      requireSet(this.ctx, 7, `Worksheet.freezePanes.${label}`);
      this.set(`freezePanes.${label}`, (sheet) => {
        sheet.frozen = frozen(sheet);
        this.ctx.write("freeze", sheet, undefined, sheet.frozen);
      });
    };
    this.freezePanes = {
      freezeAt: (range: Range | string) => freeze("freezeAt", () => {
        const rect = rowsOf(range);
        return { rows: rect.r2 + 1, columns: rect.c2 === MAX_COLUMNS - 1 ? 0 : rect.c2 + 1 };
      }),
      freezeRows: (count = 1) => freeze("freezeRows", (sheet) => ({ rows: count, columns: sheet.frozen?.columns ?? 0 })),
      freezeColumns: (count = 1) => freeze("freezeColumns", (sheet) => ({ rows: sheet.frozen?.rows ?? 0, columns: count })),
    };
  }
  attach(sheet: SheetModel): void {
    this.bindTo(sheet);
  }
  /** Collection loads fill their items in the same sync. */
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.readProperty(this.target(), p));
  }
  snapshot(props: string[]): Record<string, unknown> {
    return Object.fromEntries(props.map((p) => [p, this.readProperty(this.target(), p)]));
  }
  get name(): string {
    return this.get("name");
  }
  protected override readProperty(t: SheetModel, p: string): unknown {
    if (p === "name") return t.name;
    if (p === "id") return t.id;
    return super.readProperty(t, p);
  }
  getRange(address?: string): Range {
    return new Range(this.ctx, () => {
      const sheet = this.target();
      if (address === undefined || address === "") return { sheet, rect: { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLUMNS - 1 } };
      const rect = parseRect(address);
      if (!rect) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: address "${address}".`);
      return { sheet, rect };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    requireSet(this.ctx, 4, "Worksheet.getUsedRangeOrNullObject");
    return new Range(this.ctx, () => {
      const sheet = this.target();
      // The add-in always asks for values only; formats-only cells would widen Excel's answer otherwise.
      void valuesOnly;
      const rect = usedRect(sheet);
      return rect ? { sheet, rect } : null;
    });
  }
  getRanges(address: string): RangeAreas {
    requireSet(this.ctx, 9, "Worksheet.getRanges");
    return new RangeAreas(this.ctx, () => {
      const sheet = this.target();
      const parts = address.split(",");
      if (parts.length > RANGE_AREAS_LIMIT || address.length > RANGE_AREAS_ADDRESS_CHARS) {
        throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${parts.length} areas, ${address.length} characters.`);
      }
      const areas = parts.map((p) => {
        const rect = parseRect(p);
        if (!rect) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: address "${p}".`);
        return rect;
      });
      return { sheet, areas };
    });
  }
  activate(): void {
    this.set("activate", (sheet) => {
      this.ctx.state.workbook.activeSheetId = sheet.id;
      this.ctx.write("activate", sheet);
    });
  }
  delete(): void {
    this.set("delete", (sheet) => {
      const wb = this.ctx.state.workbook;
      if (wb.sheets.length === 1) throw new ExcelDoubleError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      wb.sheets = wb.sheets.filter((s) => s !== sheet);
      if (wb.activeSheetId === sheet.id) wb.activeSheetId = wb.sheets[0].id;
      this.ctx.write("deleteSheet", sheet);
    });
  }
}

class SettingCollection {
  private readonly ctx: RequestContext;
  constructor(ctx: RequestContext) {
    this.ctx = ctx;
  }
  add(key: string, value: unknown): Setting {
    requireSet(this.ctx, 4, "SettingCollection.add");
    const setting = new Setting(this.ctx, null, key);
    this.ctx.enqueue({
      label: `SettingCollection.add(${key})`,
      requestBytes: jsonBytes(value) + key.length,
      run: () => {
        const settings = this.ctx.state.workbook.settings;
        const next = { ...settings, [key]: JSON.parse(JSON.stringify(value)) };
        if (jsonBytes(next) > SETTINGS_MAX_BYTES) throw new ExcelDoubleError("InvalidOperation", "Workbook settings are full (over 2 MB).");
        settings[key] = next[key];
        this.ctx.write("setting", undefined, undefined, { key });
        setting.attach(key);
      },
    });
    return setting;
  }
  getItemOrNullObject(key: string): Setting {
    requireSet(this.ctx, 4, "SettingCollection.getItemOrNullObject");
    return new Setting(this.ctx, () => (key in this.ctx.state.workbook.settings ? key : null), key);
  }
  getItem(key: string): Setting {
    requireSet(this.ctx, 4, "SettingCollection.getItem");
    return new Setting(this.ctx, () => {
      if (!(key in this.ctx.state.workbook.settings)) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: setting "${key}".`);
      return key;
    }, key);
  }
}

class Setting extends ClientObject<string> {
  constructor(ctx: RequestContext, resolve: (() => string | null) | null, _key: string) {
    super(ctx, "Setting", resolve);
  }
  attach(key: string): void {
    this.bindTo(key);
  }
  get value(): unknown {
    return this.get("value");
  }
  get key(): string {
    return this.get("key");
  }
  protected override readProperty(key: string, p: string): unknown {
    if (p === "value") return JSON.parse(JSON.stringify(this.ctx.state.workbook.settings[key]));
    if (p === "key") return key;
    return super.readProperty(key, p);
  }
  delete(): void {
    this.set("delete", (key) => {
      delete this.ctx.state.workbook.settings[key];
      this.ctx.write("setting", undefined, undefined, { key, deleted: true });
    });
  }
}

// ---------------------------------------------------------------- ranges and their formats

interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

class Range extends ClientObject<RangeRef> {
  readonly format: RangeFormat;
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(ctx: RequestContext, resolve: () => RangeRef | null) {
    super(ctx, "Range", resolve);
    this.format = new RangeFormat(ctx, this);
    this.conditionalFormats = new ConditionalFormatCollection(ctx, () => {
      const { sheet, rect } = this.target();
      return { sheet, areas: [rect] };
    });
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  set values(v: unknown[][]) {
    this.set("values", ({ sheet, rect }) => {
      const rows = rect.r2 - rect.r1 + 1;
      const cols = rect.c2 - rect.c1 + 1;
      if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new ExcelDoubleError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rectAddress(rect)}).`);
      }
      const formulas: string[] = [];
      const quoted: string[] = [];
      v.forEach((row, i) => row.forEach((cell, j) => {
        const at = () => rectAddress({ r1: rect.r1 + i, c1: rect.c1 + j, r2: rect.r1 + i, c2: rect.c1 + j });
        if (writeCell(sheet, rect.r1 + i, rect.c1 + j, cell).formula) formulas.push(at());
        else if (typeof cell === "string" && cell.startsWith("'")) quoted.push(at());
      }));
      this.ctx.write("values", sheet, rect, { rows, columns: cols, formulas, quoted });
    }, jsonBytes(v));
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.set("numberFormat", ({ sheet, rect }) => {
      const rows = rect.r2 - rect.r1 + 1;
      const cols = rect.c2 - rect.c1 + 1;
      if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new ExcelDoubleError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rectAddress(rect)}).`);
      }
      v.forEach((row, i) => row.forEach((f, j) => setFormat(sheet, { r1: rect.r1 + i, c1: rect.c1 + j, r2: rect.r1 + i, c2: rect.c1 + j }, { numberFormat: String(f) })));
      this.ctx.write("numberFormat", sheet, rect, v[0]?.[0]);
    }, jsonBytes(v));
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get address(): string {
    return this.get("address");
  }
  protected override where({ sheet, rect }: RangeRef): { sheet: string; address: string } {
    return { sheet: sheet.name, address: rectAddress(rect) };
  }
  protected override readProperty({ sheet, rect }: RangeRef, p: string): unknown {
    switch (p) {
      case "values": {
        if (rectCells(rect) > READ_CELL_LIMIT) throw new ExcelDoubleError("ResponsePayloadSizeLimitExceeded", `The range ${rectAddress(rect)} has more than ${READ_CELL_LIMIT} cells.`);
        const values = readValues(sheet, rect);
        // Refused as soon as the answer passes the limit (the sync would fail anyway), without building all of it.
        let bytes = this.ctx.current!.responseBytes;
        for (const row of values) {
          bytes += jsonBytes(row) + 1;
          if (bytes > PAYLOAD_LIMIT_BYTES) throw new ExcelDoubleError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
        }
        return values;
      }
      case "numberFormat": {
        const out: string[][] = [];
        for (let r = rect.r1; r <= rect.r2; r++) {
          const row: string[] = [];
          for (let c = rect.c1; c <= rect.c2; c++) row.push(sheet.formats[`${r},${c}`]?.numberFormat ?? "General");
          out.push(row);
        }
        return out;
      }
      case "rowIndex": return rect.r1;
      case "columnIndex": return rect.c1;
      case "rowCount": return rect.r2 - rect.r1 + 1;
      case "columnCount": return rect.c2 - rect.c1 + 1;
      case "address": return `${sheet.name}!${rectAddress(rect)}`;
      default: return super.readProperty({ sheet, rect }, p);
    }
  }
  select(): void {
    this.set("select", ({ sheet, rect }) => {
      this.ctx.state.workbook.activeSheetId = sheet.id;
      this.ctx.state.workbook.selection = { sheet: sheet.name, address: rectAddress(rect) };
      this.ctx.write("select", sheet, rect);
    });
  }
  /** ExcelApi 1.2: merges the range into one cell (across = one merge per row). Excel refuses to merge into a table. */
  merge(across = false): void {
    this.set("merge", ({ sheet, rect }) => {
      if (sheet.tables.some((t) => intersects(t.rect, rect))) throw new ExcelDoubleError("InvalidOperation", "This operation is not permitted for the current object.");
      const areas = across ? Array.from({ length: rect.r2 - rect.r1 + 1 }, (_, i) => ({ ...rect, r1: rect.r1 + i, r2: rect.r1 + i })) : [rect];
      for (const a of areas) {
        if (sheet.merges.some((m) => intersects(m, a))) throw new ExcelDoubleError("InvalidOperation", `Cannot merge ${rectAddress(a)}: it overlaps a merged area.`);
        sheet.merges.push(a);
      }
      this.ctx.write("merge", sheet, rect, across);
    });
  }
  /** ExcelApi 1.13: the merged areas whose top-left cell lies in this range (as Excel answers), or a null object. */
  getMergedAreasOrNullObject(): RangeAreas {
    requireSet(this.ctx, 13, "Range.getMergedAreasOrNullObject");
    return new RangeAreas(this.ctx, () => {
      const { sheet, rect } = this.target();
      const areas = sheet.merges.filter((m) => m.r1 >= rect.r1 && m.r1 <= rect.r2 && m.c1 >= rect.c1 && m.c1 <= rect.c2);
      return areas.length > 0 ? { sheet, areas } : null;
    });
  }
  /** For chart sources and table ranges: the range's sheet and rectangle at sync time. */
  ref(): RangeRef {
    return this.target();
  }
}

class RangeFormat {
  readonly fill: { color: string; clear(): void };
  readonly font: { bold: boolean; size: number; italic: boolean; color: string };
  private readonly ctx: RequestContext;
  private readonly range: Range;
  constructor(ctx: RequestContext, range: Range) {
    this.ctx = ctx;
    this.range = range;
    const op = (label: string, run: (r: RangeRef) => void) => ctx.enqueue({ label: `RangeFormat.${label}`, run: () => run(range.ref()) });
    this.fill = {
      get color(): string {
        throw propertyNotLoaded("color", "RangeFill");
      },
      set color(color: string) {
        op("fill.color", ({ sheet, rect }) => {
          setFormat(sheet, rect, { fill: color });
          ctx.write("fill", sheet, rect, color);
        });
      },
      clear() {
        op("fill.clear", ({ sheet, rect }) => {
          setFormat(sheet, rect, { fill: undefined });
          ctx.write("fill", sheet, rect, null);
        });
      },
    };
    this.font = {
      get bold(): boolean {
        throw propertyNotLoaded("bold", "RangeFont");
      },
      set bold(bold: boolean) {
        op("font.bold", ({ sheet, rect }) => {
          setFormat(sheet, rect, { bold });
          ctx.write("bold", sheet, rect, bold);
        });
      },
      get size(): number {
        throw propertyNotLoaded("size", "RangeFont");
      },
      set size(points: number) {
        op("font.size", ({ sheet, rect }) => {
          if (!(points >= 1 && points <= 409)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: font size ${points}.`);
          setFormat(sheet, rect, { fontSize: points });
          ctx.write("font", sheet, rect, { size: points });
        });
      },
      get italic(): boolean {
        throw propertyNotLoaded("italic", "RangeFont");
      },
      set italic(italic: boolean) {
        op("font.italic", ({ sheet, rect }) => {
          setFormat(sheet, rect, { italic });
          ctx.write("font", sheet, rect, { italic });
        });
      },
      get color(): string {
        throw propertyNotLoaded("color", "RangeFont");
      },
      set color(color: string) {
        op("font.color", ({ sheet, rect }) => {
          setFormat(sheet, rect, { fontColor: color });
          ctx.write("font", sheet, rect, { color });
        });
      },
    };
  }
  set columnWidth(points: number) {
    this.ctx.enqueue({
      label: "RangeFormat.columnWidth",
      run: () => {
        const { sheet, rect } = this.range.ref();
        if (!(points >= 0 && points <= 255 * 7.5)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: column width ${points}.`);
        sheet.columnWidths ??= {};
        for (let c = rect.c1; c <= rect.c2; c++) sheet.columnWidths[c] = points;
        this.ctx.write("columnWidth", sheet, rect, points);
      },
    });
  }
  set rowHeight(points: number) {
    this.ctx.enqueue({
      label: "RangeFormat.rowHeight",
      run: () => {
        const { sheet, rect } = this.range.ref();
        if (!(points >= 0 && points <= 409)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: row height ${points}.`);
        sheet.rowHeights ??= {};
        for (let r = rect.r1; r <= rect.r2; r++) sheet.rowHeights[r] = points;
        this.ctx.write("rowHeight", sheet, rect, points);
      },
    });
  }
  set wrapText(wrap: boolean) {
    this.ctx.enqueue({
      label: "RangeFormat.wrapText",
      run: () => {
        const { sheet, rect } = this.range.ref();
        setFormat(sheet, rect, { wrapText: wrap });
        this.ctx.write("wrapText", sheet, rect, wrap);
      },
    });
  }
  set horizontalAlignment(align: string) {
    this.ctx.enqueue({
      label: "RangeFormat.horizontalAlignment",
      run: () => {
        const { sheet, rect } = this.range.ref();
        if (!["General", "Left", "Center", "Right"].includes(align)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: alignment ${align}.`);
        setFormat(sheet, rect, { horizontalAlignment: align });
        this.ctx.write("horizontalAlignment", sheet, rect, align);
      },
    });
  }
  autofitColumns(): void {
    this.ctx.enqueue({
      label: "RangeFormat.autofitColumns",
      run: () => {
        const { sheet, rect } = this.range.ref();
        sheet.autofitCount++;
        this.ctx.write("autofit", sheet, rect);
      },
    });
  }
}

interface AreasRef {
  sheet: SheetModel;
  areas: Rect[];
}

class RangeAreas extends ClientObject<AreasRef> {
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(ctx: RequestContext, resolve: () => AreasRef | null) {
    super(ctx, "RangeAreas", resolve);
    this.conditionalFormats = new ConditionalFormatCollection(ctx, () => this.target());
  }
  get address(): string {
    return this.get("address");
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
  protected override where(t: AreasRef): { sheet: string; address: string } {
    return { sheet: t.sheet.name, address: t.areas.map(rectAddress).join(",") };
  }
  protected override readProperty(t: AreasRef, p: string): unknown {
    if (p === "address") return t.areas.map((a) => `${t.sheet.name}!${rectAddress(a)}`).join(",");
    if (p === "areaCount") return t.areas.length;
    return super.readProperty(t, p);
  }
}

// ---------------------------------------------------------------- conditional formats

function overlapsAny(a: Rect[], b: Rect[]): boolean {
  return a.some((x) => b.some((y) => x.r1 <= y.r2 && y.r1 <= x.r2 && x.c1 <= y.c2 && y.c1 <= x.c2));
}

class ConditionalFormatCollection {
  private readonly ctx: RequestContext;
  private readonly owner: () => AreasRef;
  private loadedItems: ConditionalFormat[] | null = null;
  constructor(ctx: RequestContext, owner: () => AreasRef) {
    this.ctx = ctx;
    this.owner = owner;
  }
  add(type: string): ConditionalFormat {
    requireSet(this.ctx, 6, "ConditionalFormatCollection.add");
    const format = new ConditionalFormat(this.ctx, null);
    this.ctx.enqueue({
      label: `ConditionalFormatCollection.add(${type})`,
      run: () => {
        const { sheet, areas } = this.owner();
        if (type !== "Custom") throw new ExcelDoubleError("InvalidArgument", `The double supports only Custom conditional formats, not ${type}.`);
        const model: ConditionalFormatModel = { id: newId(this.ctx.state.workbook, "cf"), type, areas: areas.map((a) => ({ ...a })), formula: null, fill: null };
        // Newest first, as Excel gives new rules the highest priority.
        sheet.conditionalFormats.unshift(model);
        this.ctx.write("addConditionalFormat", sheet, areas[0], { id: model.id, areas: areas.length });
        format.attach({ sheet, format: model });
      },
    });
    return format;
  }
  getItem(id: string): ConditionalFormat {
    requireSet(this.ctx, 6, "ConditionalFormatCollection.getItem");
    return new ConditionalFormat(this.ctx, () => {
      const { sheet } = this.owner();
      const format = sheet.conditionalFormats.find((f) => f.id === id);
      if (!format) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: conditional format ${id}.`);
      return { sheet, format };
    });
  }
  get items(): ConditionalFormat[] {
    this.ctx.assertOpen();
    if (!this.loadedItems) throw propertyNotLoaded("items", "ConditionalFormatCollection");
    return this.loadedItems;
  }
  load(spec?: unknown): this {
    const props = splitProps(spec).map((p) => p.replace(/^items\//, ""));
    requireSet(this.ctx, 6, "ConditionalFormatCollection.load");
    this.ctx.enqueue({
      label: `ConditionalFormatCollection.load(${props.join(",")})`,
      kind: "load",
      run: () => {
        const { sheet, areas } = this.owner();
        const items = sheet.conditionalFormats.filter((f) => overlapsAny(f.areas, areas)).map((f) => {
          const item = new ConditionalFormat(this.ctx, null);
          item.attach({ sheet, format: f });
          item.fill(props);
          return item;
        });
        const bytes = jsonBytes(items.map((i) => i.snapshot(props.filter((p) => !p.startsWith("customOrNullObject")))));
        this.ctx.addResponseBytes(bytes);
        this.ctx.read({ object: "ConditionalFormatCollection", properties: props.map((p) => `items/${p}`), sheet: sheet.name, bytes });
        this.loadedItems = items;
      },
    });
    return this;
  }
}

interface FormatRef {
  sheet: SheetModel;
  format: ConditionalFormatModel;
}

class ConditionalFormat extends ClientObject<FormatRef> {
  readonly custom: { rule: { formula: string }; format: { fill: { color: string } } };
  constructor(ctx: RequestContext, resolve: (() => FormatRef | null) | null) {
    super(ctx, "ConditionalFormat", resolve);
    const self = this;
    const op = (label: string, run: (r: FormatRef) => void) => ctx.enqueue({ label: `ConditionalFormat.${label}`, run: () => run(self.target()) });
    this.custom = {
      rule: {
        get formula(): string {
          return self.get("custom/rule/formula");
        },
        set formula(f: string) {
          op("custom.rule.formula", ({ sheet, format }) => {
            format.formula = f;
            ctx.write("conditionalFormatRule", sheet, format.areas[0], { id: format.id, formula: f });
          });
        },
      },
      format: {
        fill: {
          get color(): string {
            return self.get("custom/format/fill/color");
          },
          set color(c: string) {
            op("custom.format.fill.color", ({ sheet, format }) => {
              format.fill = c;
              ctx.write("conditionalFormatFill", sheet, format.areas[0], { id: format.id, color: c });
            });
          },
        },
      },
    };
  }
  attach(ref: FormatRef): void {
    this.bindTo(ref);
  }
  /** Collection loads fill their items in the same sync. */
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.readProperty(this.target(), p));
  }
  snapshot(props: string[]): Record<string, unknown> {
    return Object.fromEntries(props.map((p) => [p, this.readProperty(this.target(), p)]));
  }
  get id(): string {
    return this.get("id");
  }
  get type(): string {
    return this.get("type");
  }
  /** Only Custom formats have one; the null object tells the others apart without failing the sync. */
  get customOrNullObject(): { isNullObject: boolean; rule: { formula: string } } {
    const self = this;
    const loadedAny = () => [...this.loaded.keys()].some((k) => k.startsWith("customOrNullObject"));
    return {
      get isNullObject(): boolean {
        self.ctx.assertOpen();
        if (!loadedAny()) throw propertyNotLoaded("isNullObject", "CustomConditionalFormat");
        return self.loaded.get("customOrNullObject/rule/formula") === NULL_OBJECT;
      },
      rule: {
        get formula(): string {
          return self.get("customOrNullObject/rule/formula");
        },
      },
    };
  }
  protected override readProperty({ format }: FormatRef, p: string): unknown {
    switch (p) {
      case "id": return format.id;
      case "type": return format.type;
      case "custom/rule/formula":
        // office-js#2180: `custom` of a colour scale, data bar … fails the whole load.
        if (format.type !== "Custom") throw new ExcelDoubleError("InvalidOperation", "This operation is not permitted for the current object.");
        return ruleFormula(format);
      case "customOrNullObject/rule/formula": return format.type === "Custom" ? ruleFormula(format) : NULL_OBJECT;
      case "custom/format/fill/color": return format.fill;
      default: return super.readProperty({ sheet: null as never, format }, p);
    }
  }
  delete(): void {
    this.set("delete", ({ sheet, format }) => {
      const i = sheet.conditionalFormats.indexOf(format);
      if (i < 0) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: conditional format ${format.id}.`);
      sheet.conditionalFormats.splice(i, 1);
      this.ctx.write("deleteConditionalFormat", sheet, format.areas[0], { id: format.id });
    });
  }
}

const NULL_OBJECT = Symbol("null object");

/** office-js#6835: Excel fails to describe some rules (a rule duplicated in Excel's dialog); loading one fails the sync. */
function ruleFormula(format: ConditionalFormatModel): string | null {
  if (format.unreadable) throw new ExcelDoubleError("GeneralException", "There was an internal error while processing the request.");
  return format.formula;
}

// ---------------------------------------------------------------- tables and charts

// Excel's name rules: a letter (of any script: Chinese Excel names tables 表1), _ or \ first, then letters, digits, _ . \.
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]{0,254}$/u;

class TableCollection {
  private readonly ctx: RequestContext;
  private readonly sheet: Worksheet;
  constructor(ctx: RequestContext, sheet: Worksheet) {
    this.ctx = ctx;
    this.sheet = sheet;
  }
  add(address: Range | string, hasHeaders: boolean): Table {
    const table = new Table(this.ctx, null);
    this.ctx.enqueue({
      label: "TableCollection.add",
      run: () => {
        const sheet = this.sheet.target();
        const rect = typeof address === "string" ? parseRect(address) : address.ref().rect;
        if (!rect) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: table address ${String(address)}.`);
        const wb = this.ctx.state.workbook;
        if (tablesOverlapping(wb, sheet, rect).length > 0) throw new ExcelDoubleError("InvalidOperation", "A table can't overlap another table.");
        const count = wb.sheets.reduce((n, s) => n + s.tables.length, 0);
        const model: TableModel = { id: newId(wb, "table"), name: `Table${count + 1}`, rect, hasHeaders, style: "TableStyleMedium2" };
        sheet.tables.push(model);
        this.ctx.write("addTable", sheet, rect, { hasHeaders });
        table.attach({ sheet, table: model });
      },
    });
    return table;
  }
}

interface TableRef {
  sheet: SheetModel;
  table: TableModel;
}

class Table extends ClientObject<TableRef> {
  constructor(ctx: RequestContext, resolve: (() => TableRef | null) | null) {
    super(ctx, "Table", resolve);
  }
  attach(ref: TableRef): void {
    this.bindTo(ref);
  }
  get name(): string {
    return this.get("name");
  }
  set name(name: string) {
    this.set("name", ({ sheet, table }) => {
      if (!TABLE_NAME.test(name)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: table name "${name}".`);
      const taken = this.ctx.state.workbook.sheets.some((s) => s.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase()));
      if (taken) throw new ExcelDoubleError("ItemAlreadyExists", `A resource with the same name or identifier already exists: table "${name}".`);
      table.name = name;
      this.ctx.write("tableName", sheet, table.rect, name);
    });
  }
  set style(style: string) {
    this.set("style", ({ sheet, table }) => {
      table.style = style;
      this.ctx.write("tableStyle", sheet, table.rect, style);
    });
  }
  protected override readProperty({ table }: TableRef, p: string): unknown {
    if (p === "name") return table.name;
    if (p === "style") return table.style;
    return super.readProperty(null as never, p);
  }
}

class ChartCollection {
  private readonly ctx: RequestContext;
  private readonly sheet: Worksheet;
  constructor(ctx: RequestContext, sheet: Worksheet) {
    this.ctx = ctx;
    this.sheet = sheet;
  }
  add(type: string, source: Range, seriesBy = "Auto"): Chart {
    const chart = new Chart(this.ctx, null);
    this.ctx.enqueue({
      label: `ChartCollection.add(${type})`,
      run: () => {
        const sheet = this.sheet.target();
        const { sheet: dataSheet, rect } = source.ref();
        const byColumns = seriesBy !== "Rows";
        const count = byColumns ? rect.c2 - rect.c1 + 1 : rect.r2 - rect.r1 + 1;
        const series = Array.from({ length: count }, (_, i) => {
          const first = byColumns ? dataSheet.values[rect.r1]?.[rect.c1 + i] : dataSheet.values[rect.r1 + i]?.[rect.c1];
          const named = typeof first === "string";
          const values: Rect = byColumns
            ? { r1: rect.r1 + (named ? 1 : 0), r2: rect.r2, c1: rect.c1 + i, c2: rect.c1 + i }
            : { r1: rect.r1 + i, r2: rect.r1 + i, c1: rect.c1 + (named ? 1 : 0), c2: rect.c2 };
          return { name: named ? (first as string) : null, values, xValues: null };
        });
        const model: ChartModel = { id: newId(this.ctx.state.workbook, "chart"), type, source: rect, seriesBy, series, title: null, legendVisible: true, position: null };
        sheet.charts.push(model);
        this.ctx.write("addChart", sheet, rect, { type, seriesBy });
        chart.attach({ sheet, chart: model });
      },
    });
    return chart;
  }
}

interface ChartRef {
  sheet: SheetModel;
  chart: ChartModel;
}

class Chart extends ClientObject<ChartRef> {
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly series: { getItemAt(i: number): { setXAxisValues(r: Range): void; delete(): void } };
  readonly axes: { valueAxis: { numberFormat: string }; categoryAxis: { reversePlotOrder: boolean; tickLabelSpacing: number } };
  constructor(ctx: RequestContext, resolve: (() => ChartRef | null) | null) {
    super(ctx, "Chart", resolve);
    const self = this;
    const op = (label: string, run: (r: ChartRef) => void) => ctx.enqueue({ label: `Chart.${label}`, run: () => run(self.target()) });
    this.title = {
      get text(): string {
        throw propertyNotLoaded("text", "ChartTitle");
      },
      set text(t: string) {
        op("title.text", ({ sheet, chart }) => {
          chart.title = t;
          ctx.write("chart", sheet, chart.source, { title: t });
        });
      },
    };
    this.legend = {
      get visible(): boolean {
        throw propertyNotLoaded("visible", "ChartLegend");
      },
      set visible(v: boolean) {
        op("legend.visible", ({ sheet, chart }) => {
          chart.legendVisible = v;
          ctx.write("chart", sheet, chart.source, { legendVisible: v });
        });
      },
    };
    this.axes = {
      valueAxis: {
        get numberFormat(): string {
          throw propertyNotLoaded("numberFormat", "ChartAxis");
        },
        set numberFormat(f: string) {
          requireSet(ctx, 8, "ChartAxis.numberFormat");
          op("axes.valueAxis.numberFormat", ({ sheet, chart }) => {
            chart.valueFormat = f;
            ctx.write("chart", sheet, chart.source, { valueFormat: f });
          });
        },
      },
      categoryAxis: {
        get reversePlotOrder(): boolean {
          throw propertyNotLoaded("reversePlotOrder", "ChartAxis");
        },
        set reversePlotOrder(v: boolean) {
          requireSet(ctx, 7, "ChartAxis.reversePlotOrder");
          op("axes.categoryAxis.reversePlotOrder", ({ sheet, chart }) => {
            chart.categoriesReversed = v;
            ctx.write("chart", sheet, chart.source, { categoriesReversed: v });
          });
        },
        get tickLabelSpacing(): number {
          throw propertyNotLoaded("tickLabelSpacing", "ChartAxis");
        },
        set tickLabelSpacing(n: number) {
          requireSet(ctx, 7, "ChartAxis.tickLabelSpacing");
          op("axes.categoryAxis.tickLabelSpacing", ({ sheet, chart }) => {
            if (!(Number.isInteger(n) && n >= 1 && n <= 31999)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: tickLabelSpacing ${n}.`);
            chart.labelSpacing = n;
            ctx.write("chart", sheet, chart.source, { labelSpacing: n });
          });
        },
      },
    };
    this.series = {
      getItemAt: (i: number) => ({
        setXAxisValues: (r: Range) => {
          requireSet(ctx, 7, "ChartSeries.setXAxisValues");
          op(`series(${i}).setXAxisValues`, ({ sheet, chart }) => {
            const s = chart.series[i];
            if (!s) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: chart series ${i}.`);
            s.xValues = r.ref().rect;
            ctx.write("chart", sheet, chart.source, { series: i, xValues: rectAddress(s.xValues) });
          });
        },
        delete: () => {
          requireSet(ctx, 7, "ChartSeries.delete");
          op(`series(${i}).delete`, ({ sheet, chart }) => {
            if (!chart.series[i]) throw new ExcelDoubleError("ItemNotFound", `The requested resource doesn't exist: chart series ${i}.`);
            chart.series.splice(i, 1);
            ctx.write("chart", sheet, chart.source, { deletedSeries: i });
          });
        },
      }),
    };
  }
  attach(ref: ChartRef): void {
    this.bindTo(ref);
  }
  /** How empty cells are drawn (ExcelApi 1.8): "NotPlotted" leaves a gap. */
  get displayBlanksAs(): string {
    throw propertyNotLoaded("displayBlanksAs", "Chart");
  }
  set displayBlanksAs(v: string) {
    requireSet(this.ctx, 8, "Chart.displayBlanksAs");
    this.set("displayBlanksAs", ({ sheet, chart }) => {
      if (!["NotPlotted", "Zero", "Interplotted"].includes(v)) throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: displayBlanksAs ${v}.`);
      chart.blanksAs = v;
      this.ctx.write("chart", sheet, chart.source, { blanksAs: v });
    });
  }
  setPosition(start: Range | string, end?: Range | string): void {
    this.set("setPosition", ({ sheet, chart }) => {
      const addr = (x: Range | string) => (typeof x === "string" ? x : rectAddress(x.ref().rect));
      chart.position = end === undefined ? addr(start) : `${addr(start)}:${addr(end)}`;
      this.ctx.write("chart", sheet, chart.source, { position: chart.position });
    });
  }
}

// ---------------------------------------------------------------- Excel.run

/**
 * Excel.run over a workbook: a fresh context per batch, whatever is still queued when the batch returns is sent,
 * and the batch's objects die with it. `ready` holds the first batch until the workbook is loaded (in the page).
 */
export function excelRun(state: DoubleState, ready?: Promise<unknown>): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
  return async (batch) => {
    await ready;
    const context = new RequestContext(state, ++state.recorder.runs);
    try {
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context.queue.length > 0) await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  };
}
