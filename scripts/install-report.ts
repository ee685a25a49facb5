// What npm's own install warnings would say if they were about the Node the project runs on (node@22 in
// node_modules/.bin) instead of the machine's Node that runs npm. .npmrc sets loglevel=error, because npm 11 has no
// narrower switch for EBADENGINE; these two checks give back the warnings that matter (see check-install.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

export interface InstalledPackage {
  name: string;
  version: string;
  /** `engines.node` as declared, if any. */
  node?: string;
  /** The lifecycle scripts npm runs on install; binding.gyp alone means npm would run `node-gyp rebuild`. */
  installScripts: Record<string, string>;
}

const INSTALL_EVENTS = ["preinstall", "install", "postinstall"] as const;

function readPackage(dir: string): InstalledPackage | undefined {
  let json: { name?: string; version?: string; engines?: { node?: unknown }; scripts?: Record<string, unknown> };
  try {
    json = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  } catch {
    return undefined; // not a package folder (or a broken one npm itself will complain about)
  }
  if (!json.name) return undefined;
  const installScripts: Record<string, string> = {};
  for (const event of INSTALL_EVENTS) if (typeof json.scripts?.[event] === "string") installScripts[event] = json.scripts[event] as string;
  if (Object.keys(installScripts).length === 0 && existsSync(path.join(dir, "binding.gyp"))) installScripts.install = "node-gyp rebuild";
  return { name: json.name, version: json.version ?? "", node: typeof json.engines?.node === "string" ? json.engines.node : undefined, installScripts };
}

/** Every package under a node_modules folder, scoped and nested ones included. */
export function installedPackages(nodeModules: string): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const visit = (dir: string) => {
    const pkg = readPackage(dir);
    if (pkg) found.push(pkg);
    walk(path.join(dir, "node_modules"));
  };
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
      const dir = path.join(folder, entry.name);
      if (entry.name.startsWith("@")) for (const scoped of readdirSync(dir)) visit(path.join(dir, scoped));
      else visit(dir);
    }
  };
  walk(nodeModules);
  return found;
}

/** Packages whose `engines.node` leaves out the given Node version (ranges npm could not read are left to npm). */
export function engineMismatches(packages: InstalledPackage[], nodeVersion: string): string[] {
  return packages
    .filter((p) => p.node !== undefined && semver.validRange(p.node) !== null && !semver.satisfies(nodeVersion, p.node))
    .map((p) => `${p.name}@${p.version} needs node ${p.node}`)
    .sort();
}

/** Packages with install scripts that package.json's `allowScripts` neither allows nor denies: npm 11 skips them. */
export function unreviewedScripts(packages: InstalledPackage[], allowScripts: Record<string, boolean>): string[] {
  const lines = new Set<string>();
  for (const p of packages) {
    if (Object.keys(p.installScripts).length === 0 || p.name in allowScripts) continue;
    lines.add(`${p.name}@${p.version} (${Object.entries(p.installScripts).map(([e, c]) => `${e}: ${c}`).join("; ")})`);
  }
  return [...lines].sort();
}
