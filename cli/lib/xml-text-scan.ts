/**
 * Counts, in one pass over an XML part's bytes as they are unpacked, what would make exceljs run out of memory
 * before it hands us a single cell: the longest text of one cell (all its rich-text runs together, as exceljs joins
 * them; entities count as one character), the longest tag, comment or CDATA section, and how many `<c>` and
 * `<row>` elements a worksheet holds. It keeps a few numbers of state, never the text itself.
 */

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMI = 0x3b;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
/** An entity longer than this is not one; its bytes are counted as text. */
const LONGEST_ENTITY = 32;

/** Where in the XML the scan is: text, an entity, a tag's name, the rest of a tag, a `<!…>` or `<?…>`. */
const State = { Text: 0, Entity: 1, Name: 2, Tag: 3, Special: 4 } as const;
type State = (typeof State)[keyof typeof State];

/** Elements whose text exceljs joins into one value: a cell, a shared string, a comment. */
function holdsOneValue(localName: string): boolean {
  return localName === "c" || localName === "si" || localName === "comment";
}

export class XmlTextScan {
  /** The longest stretch of characters seen so far (see above). */
  longest = 0;
  /** `<c>` and `<row>` start tags seen, when counting cells. */
  cells = 0;
  /** `<si>` start tags seen: the distinct texts of a shared-strings part. */
  strings = 0;
  /** `<mergeCell>` start tags seen: a sheet's merged areas. */
  merges = 0;
  /** Characters inside values (cells, shared strings, comments), all together: the text a reader keeps. */
  chars = 0;

  readonly #countCells: boolean;
  #state: State = State.Text;
  #run = 0;
  #inValue = false;
  #entity = 0;
  #tag = 0;
  #name = "";
  #closing = false;
  #quote = 0;
  #prev = 0;
  #prev2 = 0;
  /** For `<!…>` and `<?…>`: the bytes that end it ("-->", "]]>", "?>", or ">"). */
  #special = "";

  constructor(o: { countCells: boolean }) {
    this.#countCells = o.countCells;
  }

  feed(chunk: Uint8Array): void {
    let run = this.#run;
    let longest = this.longest;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      switch (this.#state) {
        case State.Text:
          if (b === LT) {
            // Outside a cell, each text node stands alone; inside one, its runs are joined.
            if (!this.#inValue) run = 0;
            this.#state = State.Name;
            this.#name = "";
            this.#closing = false;
            this.#tag = 1;
          } else if (b === AMP) {
            this.#state = State.Entity;
            this.#entity = 0;
            if (++run > longest) longest = run;
            if (this.#inValue) this.chars++;
          } else if ((b & 0xc0) !== 0x80) {
            // A UTF-8 lead byte or ASCII: one character.
            if (++run > longest) longest = run;
            if (this.#inValue) this.chars++;
          }
          break;
        case State.Entity:
          if (b === SEMI) this.#state = State.Text;
          else if (++this.#entity > LONGEST_ENTITY) this.#state = State.Text;
          else if (b === LT) {
            this.#state = State.Text;
            i--;
          }
          break;
        case State.Name:
          if (++this.#tag > longest) longest = this.#tag;
          if (this.#name === "" && !this.#closing && (b === 0x21 || b === 0x3f)) {
            // "<!" or "<?": a comment, CDATA section, declaration or processing instruction.
            this.#state = State.Special;
            this.#special = b === 0x3f ? "?>" : "";
            this.#prev = b;
            break;
          }
          if (b === SLASH && this.#name === "" && !this.#closing) {
            this.#closing = true;
          } else if (b > 0x20 && b !== GT && b !== SLASH) {
            if (this.#name.length < 32) this.#name += String.fromCharCode(b);
          } else {
            if (this.#startOrEnd()) run = 0;
            this.#state = State.Tag;
            this.#quote = 0;
            i--;
            this.#tag--;
          }
          break;
        case State.Tag:
          if (++this.#tag > longest) longest = this.#tag;
          if (this.#quote !== 0) {
            if (b === this.#quote) this.#quote = 0;
          } else if (b === QUOTE || b === APOS) {
            this.#quote = b;
          } else if (b === GT) {
            // "<c …/>" holds nothing: what follows it is not the cell's text.
            if (this.#prev === SLASH && !this.#closing && holdsOneValue(localName(this.#name))) this.#inValue = false;
            this.#state = State.Text;
          }
          this.#prev = b;
          break;
        case State.Special: {
          if (this.#special === "") {
            // Decided by the byte after "<!": "-" opens a comment, "[" a CDATA section, else a declaration.
            this.#special = b === 0x2d ? "-->" : b === 0x5b ? "]]>" : ">";
          }
          // Comments and CDATA are buffered whole by the XML parser, so they count like text, joined inside a cell.
          if ((b & 0xc0) !== 0x80) {
            if (++run > longest) longest = run;
            if (this.#inValue) this.chars++;
          }
          const s = this.#special;
          if (b === GT && (s === ">" || (s === "?>" && this.#prev === 0x3f) || (s.length === 3 && this.#prev === s.charCodeAt(1) && this.#prev2 === s.charCodeAt(0)))) {
            this.#state = State.Text;
          }
          this.#prev2 = this.#prev;
          this.#prev = b;
          break;
        }
      }
    }
    this.#run = run;
    this.longest = longest;
  }

  /** Notes the start or end tag whose name was just read; true when a new value (cell, string) starts. */
  #startOrEnd(): boolean {
    const local = localName(this.#name);
    if (this.#closing) {
      if (holdsOneValue(local)) this.#inValue = false;
      return false;
    }
    if (this.#countCells && (local === "c" || local === "row")) this.cells++;
    else if (local === "si") this.strings++;
    else if (local === "mergeCell") this.merges++;
    if (!holdsOneValue(local)) return false;
    this.#inValue = true;
    return true;
  }
}

/** "x:c" → "c": Excel's parts may carry a namespace prefix. */
function localName(name: string): string {
  const colon = name.lastIndexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}
