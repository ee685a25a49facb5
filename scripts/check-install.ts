// `postinstall`: runs after every `npm install` / `npm ci`, on the project's Node (npm puts node_modules/.bin first).
//
// Why: on a machine whose own Node is older than the project's (Node 20 here; wrangler, miniflare and vitest declare
// Node ≥ 22), npm prints an EBADENGINE block per package on every install, although those packages never run on
// that Node — the project's scripts and `npx` run on the node@22 it installs. npm 11 has no setting for engine
// warnings alone (`engine-strict` turns them into errors; `force` skips far more), so .npmrc sets loglevel=error.
// That would also hide the two warnings that matter here, so this script says them again, correctly:
//   - a package whose engines exclude the Node the project actually runs on;
//   - a package whose install scripts npm skipped because allowScripts does not mention it (node@22's binary,
//     workerd and esbuild depend on theirs).
// Real errors are untouched: npm still prints every error, and a failed install still fails.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { engineMismatches, installedPackages, unreviewedScripts } from "./install-report.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const project = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  engines?: { node?: string };
  allowScripts?: Record<string, boolean>;
};
const packages = installedPackages(path.join(ROOT, "node_modules"));
const root = { name: project.name, version: project.version, node: project.engines?.node, installScripts: {} };

const engines = engineMismatches([root, ...packages], process.version);
if (engines.length) {
  process.stderr.write(`警告：以下依赖不支持项目的 Node ${process.version}  Warning: these packages do not support the project's Node ${process.version}:\n`);
  for (const line of engines) process.stderr.write(`  ${line}\n`);
}

const unreviewed = unreviewedScripts(packages, project.allowScripts ?? {});
if (unreviewed.length) {
  process.stderr.write("警告：以下依赖的安装脚本未运行（allowScripts 未列出）  Warning: install scripts skipped, not covered by allowScripts:\n");
  for (const line of unreviewed) process.stderr.write(`  ${line}\n`);
  process.stderr.write('  审核后在 package.json 的 allowScripts 中写入 true（运行）或 false（不运行）  Review them, then list each in package.json "allowScripts" as true (run) or false (skip).\n');
}
