// The front page stays a front page (what it is, who uses it, the two commands, where to go next), and no link in it or
// in docs/ leads nowhere: a guide that moved, a screenshot not copied, an anchor that was renamed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DOC_IMAGES_MAX_BYTES, DOC_SCREENSHOTS } from "../../scripts/docs-screenshot-list.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const README = path.join(ROOT, "README.md");
const DOCS = path.join(ROOT, "docs");
const IMAGES = path.join(DOCS, "images");

const documents = [README, ...readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => path.join(DOCS, f))];
const ROLE_GUIDES = ["guide-clerk.md", "guide-coordinator.md", "guide-assessment.md", "guide-court.md", "guide-admin.md"];

/** Markdown without its fenced code blocks and inline code, where `](` is text, not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Every link and image target written in a document, as written. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

/** The anchors a document offers: explicit `id="…"` and GitHub's slugs of its headings. */
function anchors(markdown: string): Set<string> {
  const ids = [...markdown.matchAll(/id="([^"]+)"/g)].map((m) => m[1]!);
  const slugs = [...prose(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
    m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-"),
  );
  return new Set([...ids, ...slugs]);
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const broken: string[] = [];
  for (const target of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: — not ours to check offline
    const [filePart, anchor] = target.split("#") as [string, string | undefined];
    const resolved = filePart === "" ? file : path.resolve(path.dirname(file), decodeURI(filePart));
    if (!existsSync(resolved)) {
      broken.push(`${target} (no such file)`);
      continue;
    }
    if (anchor && resolved.endsWith(".md") && !anchors(readFileSync(resolved, "utf8")).has(decodeURI(anchor))) {
      broken.push(`${target} (no such anchor)`);
    }
  }
  return broken.map((b) => `${path.relative(ROOT, file)}: ${b}`);
}

describe("README.md", () => {
  const readme = readFileSync(README, "utf8");

  it("fits in 10 KB, one or two screens for a newcomer", () => {
    expect(statSync(README).size).toBeLessThanOrEqual(10 * 1024);
  });

  it("gives the two commands, runnable as written in a code block", () => {
    const code = [...readme.matchAll(/^```bash\n([\s\S]*?)^```/gm)].map((m) => m[1]!).join("\n");
    expect(code).toMatch(/^npm install && npm start(\s|$)/m);
    expect(code).toMatch(/^npm test(\s|$)/m);
  });

  it("sends each role to its guide, and points to the API, the design notes, security and the benchmarks", () => {
    const targets = linkTargets(readme).map((t) => t.split("#")[0]);
    for (const guide of ROLE_GUIDES) expect(targets).toContain(`docs/${guide}`);
    for (const doc of ["docs/API.md", "docs/DESIGN.md", "SECURITY.md", "bench/RESULTS.md"]) expect(targets).toContain(doc);
  });
});

describe("links in README.md and docs/", () => {
  it.each(documents.map((f) => [path.relative(ROOT, f), f]))("every relative link in %s leads to a file (and anchor) that exists", (_name, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it.each(documents.map((f) => [path.relative(ROOT, f), f]))("every code block in %s is closed, so no prose or link is swallowed by one", (_name, file) => {
    const fences = readFileSync(file, "utf8").match(/^\s*```/gm) ?? [];
    expect(fences.length % 2).toBe(0);
  });

  it("the role guides are written Chinese first, then English", () => {
    for (const guide of ROLE_GUIDES) {
      const text = readFileSync(path.join(DOCS, guide), "utf8");
      const english = text.indexOf('<a id="english"></a>');
      expect(english, guide).toBeGreaterThan(0);
      const before = text.slice(0, english);
      expect(before.match(/\p{Script=Han}/gu)?.length ?? 0, guide).toBeGreaterThan(500);
    }
  });
});

describe("docs/images", () => {
  const images = existsSync(IMAGES) ? readdirSync(IMAGES) : [];

  it("holds only pictures a document shows, each one the browser tests can take again", () => {
    const shown = new Set(documents.flatMap((f) => linkTargets(readFileSync(f, "utf8")).map((t) => path.basename(t.split("#")[0]!))));
    const listed = new Set(DOC_SCREENSHOTS.map((s) => s.image));
    for (const image of images) {
      expect(shown.has(image), `${image} is shown by no document`).toBe(true);
      expect(listed.has(image), `${image} is not in scripts/docs-screenshot-list.ts`).toBe(true);
    }
    for (const s of DOC_SCREENSHOTS) expect(images, `docs/images/${s.image} (npx node scripts/docs-screenshots.ts --run)`).toContain(s.image);
  });

  it("weighs at most 1.5 MB together", () => {
    const total = images.reduce((sum, f) => sum + statSync(path.join(IMAGES, f)).size, 0);
    expect(total).toBeLessThanOrEqual(DOC_IMAGES_MAX_BYTES);
  });
});
