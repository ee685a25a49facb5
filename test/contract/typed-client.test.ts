// A client generated from the served document compiles: openapi-typescript turns the document the Worker serves
// (built here from the app, offline) into types, and tsc checks test/contract/typed-client.ts against them — a push
// with its retry, its receipt, rankings, a transfer with its key, a switch over every error code — without one cast.
// A document that drifts breaks it: each drift below is made on a copy of the document and must not compile.
import { readFile } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../worker/app.ts";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = path.join(root, "test/contract/typed-client.ts");
/** Where the generated types and the fixture's copy live, in memory only: `openapi-fetch` resolves from the project. */
const virtualDir = path.join(root, "test/contract/.generated");

type Doc = ReturnType<typeof openApiDocument>;
const served = (): Doc => structuredClone(openApiDocument());

const options: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, verbatimModuleSyntax: true,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"], types: [], skipLibCheck: true, noFallthroughCasesInSwitch: true,
};
const base = ts.createCompilerHost(options);
/** Parsed once for every compile: TypeScript's libs and openapi-fetch's types. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Types generated from `doc`, the client compiled against them: tsc's messages, [] when it compiles. */
async function compileAgainst(doc: Doc): Promise<string[]> {
  // Request fields with a default are optional, as the document says (openapi-typescript would require them).
  const types = astToString(await openapiTS(JSON.parse(JSON.stringify(doc)), { defaultNonNullable: false }));
  const files = new Map([[path.join(virtualDir, "openapi.ts"), types], [path.join(virtualDir, "typed-client.ts"), await readFile(fixture, "utf8")]]);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => files.has(f) || base.fileExists(f),
    directoryExists: (d) => d === virtualDir || (base.directoryExists?.(d) ?? true),
    readFile: (f) => files.get(f) ?? base.readFile(f),
    getSourceFile: (f, language) => {
      const text = files.get(f);
      if (text !== undefined) return ts.createSourceFile(f, text, language, true);
      if (!parsed.has(f)) parsed.set(f, base.getSourceFile(f, language));
      return parsed.get(f);
    },
  };
  const program = ts.createProgram([path.join(virtualDir, "typed-client.ts")], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : "";
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("a client generated from the served document", () => {
  it("compiles: push with retry, receipt, rankings, transfer with its key, every error code", async () => {
    expect(await compileAgainst(served())).toEqual([]);
  }, 120_000);

  it("holds its values by the document's types alone: no `as`, no `<T>x`, no `!`", async () => {
    const source = ts.createSourceFile("typed-client.ts", await readFile(fixture, "utf8"), ts.ScriptTarget.ES2023, true);
    const casts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
        casts.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(casts).toEqual([]);
  });

  it("does not compile when the receipt's field is renamed", async () => {
    const doc = served();
    const receipt = doc.components!.schemas!.PushReceipt as { properties: Record<string, unknown>; required: string[] };
    receipt.properties.totals = receipt.properties.counts;
    delete receipt.properties.counts;
    receipt.required = receipt.required.map((r) => (r === "counts" ? "totals" : r));
    expect((await compileAgainst(doc)).join("\n")).toMatch(/Property 'counts' does not exist/);
  }, 120_000);

  it("does not compile when an error code is added to the document, nor when the codes become any string", async () => {
    const added = served();
    const code = (d: Doc) => ((d.components!.schemas!.Error as { properties: { error: { properties: { code: { enum?: string[]; type: string } } } } })
      .properties.error.properties.code);
    code(added).enum!.push("teapot");
    expect((await compileAgainst(added)).join("\n")).toMatch(/"teapot"' is not assignable to type 'never'/);

    const loose = served();
    delete code(loose).enum;
    expect((await compileAgainst(loose)).join("\n")).toMatch(/Unused '@ts-expect-error' directive/);
  }, 120_000);

  it("does not compile when a transfer's Idempotency-Key becomes optional", async () => {
    const doc = served();
    const op = doc.paths!["/api/transfers"]!.post as { parameters: { name: string; required: boolean }[] };
    op.parameters.find((p) => p.name === "Idempotency-Key")!.required = false;
    expect((await compileAgainst(doc)).join("\n")).toMatch(/Unused '@ts-expect-error' directive/);
  }, 120_000);
});
