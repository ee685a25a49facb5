/**
 * Native charts (line, bar, column, pie) in an .xlsx that exceljs wrote. exceljs cannot write charts, so after it has written the file
 * we add the parts a chart needs (SpreadsheetML / DrawingML, ECMA-376 Part 1 §21.2 and §20.5): one drawing per
 * sheet (xl/drawings/drawingN.xml, anchoring each chart to cells), one part per chart (xl/charts/chartN.xml), the
 * relationships from sheet to drawing and drawing to charts, the <drawing> element in the sheet, and the content
 * types. Each chart's series point at the sheet's cells (so Excel redraws it when a figure is edited) and carry a
 * cached copy of the values (so a reader that does not recalculate, such as a PDF converter, draws it as written).
 */
import JSZip from "jszip";

/** A cell, 1-based as exceljs numbers rows and columns. */
export interface Cell {
  row: number;
  col: number;
}

/**
 * One series: `values.length` cells from `first`, along a row (or down a column when `down`), named by the cell
 * `nameCell`.
 */
export interface ChartSeries {
  name: string;
  nameCell: Cell;
  first: Cell;
  down?: boolean;
  /** null: no value there (a gap in a line, no bar; never drawn as 0). */
  values: readonly (number | null)[];
}

export interface XlsxChart {
  /** "bar" lies horizontally, "column" stands, the stacked kinds stack their series; a line when absent. */
  kind?: "line" | "bar" | "column" | "pie" | "stackedColumn" | "stackedBar";
  title: string;
  /** The category labels: cells from `first` along a row (down a column when `down`), as many as each series has values. */
  categories: { first: Cell; labels: readonly string[]; down?: boolean };
  series: readonly ChartSeries[];
  /** Where the chart sits: from the top-left corner of `from` to the top-left corner of `to`. */
  from: Cell;
  to: Cell;
  /** `format`: the axis's number format ("0%" for rates); whole numbers when absent. */
  valueAxis?: { title?: string; min?: number; max?: number; format?: string };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const abs = (c: Cell) => `$${columnLetters(c.col)}$${c.row}`;
const sheetRef = (sheet: string, a: Cell, b?: Cell) => `'${sheet.replace(/'/g, "''")}'!${abs(a)}${b ? `:${abs(b)}` : ""}`;

function richText(text: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

const last = (first: Cell, n: number, down?: boolean): Cell => (down ? { row: first.row + n - 1, col: first.col } : { row: first.row, col: first.col + n - 1 });

/**
 * The chart part. Line: markers, categories below, values left. Bar: categories down the left in the sheet's order
 * (the first row on top), values below. Column: like a line. Stacked bar / column: the series one on another, parts
 * of a whole. Pie: one series, each slice labelled with its share. The legend sits on the right unless there is a
 * single bar/column series, whose name the title already says. Every category is labelled (no label skipped when
 * they crowd), and an empty cell is a gap, never 0.
 */
export function chartXml(sheet: string, chart: XlsxChart): string {
  const kind = chart.kind ?? "line";
  const n = chart.categories.labels.length;
  const catFirst = chart.categories.first;
  const catRef = sheetRef(sheet, catFirst, last(catFirst, n, chart.categories.down));
  const catCache = `<c:strCache><c:ptCount val="${n}"/>${chart.categories.labels.map((l, i) => `<c:pt idx="${i}"><c:v>${esc(l)}</c:v></c:pt>`).join("")}</c:strCache>`;
  const ax = chart.valueAxis ?? {};
  const format = ax.format ?? "0";
  const series = chart.series.map((s, i) => {
    const valRef = sheetRef(sheet, s.first, last(s.first, n, s.down));
    const points = s.values.map((v, k) => (v == null || !Number.isFinite(v) ? "" : `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`)).join("");
    const look = kind === "line" ? `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`
      : kind === "pie" ? `<c:dLbls><c:numFmt formatCode="0%" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>`
      : `<c:invertIfNegative val="0"/>`;
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      `<c:tx><c:strRef><c:f>${esc(sheetRef(sheet, s.nameCell))}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
      look +
      `<c:cat><c:strRef><c:f>${esc(catRef)}</c:f>${catCache}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${esc(valRef)}</c:f><c:numCache><c:formatCode>${esc(ax.format ?? "0.0")}</c:formatCode><c:ptCount val="${n}"/>${points}</c:numCache></c:numRef></c:val>` +
      (kind === "line" ? `<c:smooth val="0"/>` : "") + `</c:ser>`;
  }).join("");
  const scaling = `<c:scaling><c:orientation val="minMax"/>${ax.max != null ? `<c:max val="${ax.max}"/>` : ""}${ax.min != null ? `<c:min val="${ax.min}"/>` : ""}</c:scaling>`;
  const bar = kind === "bar" || kind === "stackedBar";
  const stacked = kind === "stackedBar" || kind === "stackedColumn";
  const plot = kind === "line"
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="500100"/><c:axId val="500200"/></c:lineChart>`
    : kind === "pie"
      ? `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`
      : `<c:barChart><c:barDir val="${bar ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${stacked ? `<c:overlap val="100"/>` : ""}<c:axId val="500100"/><c:axId val="500200"/></c:barChart>`;
  // Bars list the categories bottom-up unless the axis is reversed; reversed, the value axis must cross at its max to stay below.
  const axes = kind === "pie" ? "" :
    `<c:catAx><c:axId val="500100"/><c:scaling><c:orientation val="${bar ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${bar ? "l" : "b"}"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="500200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500200"/>${scaling}<c:delete val="0"/><c:axPos val="${bar ? "b" : "l"}"/><c:majorGridlines/>` +
    (ax.title ? `<c:title>${richText(ax.title, 1000, false)}<c:overlay val="0"/></c:title>` : "") +
    `<c:numFmt formatCode="${esc(format)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500100"/><c:crosses val="${bar ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  const legend = kind !== "pie" && kind !== "line" && chart.series.length === 1 ? "" : `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title>${richText(chart.title, 1300, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${axes}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

function drawingXml(charts: readonly XlsxChart[], firstRelId: number): string {
  const anchor = (c: XlsxChart, i: number) =>
    `<xdr:twoCellAnchor editAs="oneCell">` +
    `<xdr:from><xdr:col>${c.from.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.from.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${c.to.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.to.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(`Chart ${i + 1}`)}" descr="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${firstRelId + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    charts.map(anchor).join("") + `</xdr:wsDr>`;
}

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const emptyRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`;

/** Adds a relationship with an id not yet used in the part; returns the id. */
function addRelationship(rels: string, type: string, target: string): { xml: string; id: string } {
  const used = new Set([...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  return { id, xml: rels.replace("</Relationships>", `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/></Relationships>`) };
}

/** The worksheet part (xl/worksheets/sheetN.xml) of the sheet named `name`, through workbook.xml and its rels. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`name="${esc(name)}"`));
  const rid = sheet && /r:id="([^"]+)"/.exec(sheet)?.[1];
  const rel = rid && [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`Id="${rid}"`));
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (!target) throw new Error(`xlsx-charts: no worksheet named "${name}"`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

// Elements that must come after <drawing> in a worksheet (CT_Worksheet's sequence); the first one present is where
// <drawing> goes, or </worksheet> when none is.
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

/**
 * Adds each sheet's charts to the .xlsx in `xlsx` (as exceljs wrote it: the sheets must have no drawing yet) and
 * returns the new file.
 */
export async function addCharts(xlsx: Uint8Array, sheets: readonly { sheet: string; charts: readonly XlsxChart[] }[]): Promise<Uint8Array> {
  const drawn = sheets.filter((s) => s.charts.length > 0);
  if (drawn.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  for (const { sheet, charts } of drawn) await addSheetCharts(zip, sheet, charts);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function addSheetCharts(zip: JSZip, sheetName: string, charts: readonly XlsxChart[]): Promise<void> {
  const sheetPath = await sheetPart(zip, sheetName);
  let sheetXml = await zip.file(sheetPath)!.async("string");
  if (sheetXml.includes("<drawing ")) throw new Error(`xlsx-charts: ${sheetPath} already has a drawing`);
  const free = (prefix: string) => {
    let n = 1;
    while (zip.file(`${prefix}${n}.xml`)) n++;
    return n;
  };
  const drawingNo = free("xl/drawings/drawing");
  const firstChartNo = free("xl/charts/chart");

  let drawingRels = emptyRels;
  const chartRelIds: string[] = [];
  charts.forEach((c, i) => {
    const no = firstChartNo + i;
    zip.file(`xl/charts/chart${no}.xml`, chartXml(sheetName, c));
    const added = addRelationship(drawingRels, "chart", `../charts/chart${no}.xml`);
    drawingRels = added.xml;
    chartRelIds.push(added.id);
  });
  zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(charts, Number(chartRelIds[0].slice(3))));
  zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, drawingRels);

  const dir = sheetPath.slice(0, sheetPath.lastIndexOf("/"));
  const relsPath = `${dir}/_rels/${sheetPath.slice(dir.length + 1)}.rels`;
  const sheetRels = addRelationship(zip.file(relsPath) ? await zip.file(relsPath)!.async("string") : emptyRels, "drawing", `../drawings/drawing${drawingNo}.xml`);
  zip.file(relsPath, sheetRels.xml);

  if (!/<worksheet\b[^>]*xmlns:r=/.test(sheetXml)) sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${REL}"`);
  const at = AFTER_DRAWING.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  sheetXml = `${sheetXml.slice(0, at)}<drawing r:id="${sheetRels.id}"/>${sheetXml.slice(at)}`;
  zip.file(sheetPath, sheetXml);

  let types = await zip.file("[Content_Types].xml")!.async("string");
  const overrides = [
    `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
    ...charts.map((_, i) => `<Override PartName="/xl/charts/chart${firstChartNo + i}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`),
  ];
  types = types.replace("</Types>", `${overrides.join("")}</Types>`);
  zip.file("[Content_Types].xml", types);
}
