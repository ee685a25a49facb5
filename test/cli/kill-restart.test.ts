// The Worker process killed (SIGKILL, no chance to clean up) while a push is in flight, then started again on the
// same local D1: the CLI's push carries on with the same Idempotency-Keys and D1 ends up with every row once, in
// its latest version, with the versions it replaced kept.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../cli/lib/client.ts";
import { createApiClient } from "../../ledger/api/client.ts";
import { pushAll, type PushSummary } from "../../ledger/api/push-engine.ts";
import { WRANGLER_CONFIG, applyMigrations, startDevServer, wrangler, type DevServer } from "../../scripts/dev/dev-server.ts";

const counts = ({ inserted, updated, unchanged, rejected }: PushSummary) => ({ inserted, updated, unchanged, rejected });

const ADMIN = "kill-test-admin-token-0123456789";
const UNIT = "山腰街道";
const ROWS = 3_000;

/** Every process below `pid` (wrangler starts workerd as its child), deepest first, then `pid` itself. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const line of execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }).trim().split("\n")) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const out: number[] = [];
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) visit(c);
    out.push(p);
  };
  visit(pid);
  return out;
}

function killHard(server: DevServer): void {
  for (const pid of processTree(server.child.pid!)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

function rows(version: 1 | 2) {
  return Array.from({ length: ROWS }, (_, i) => ({
    row: i + 2,
    values: {
      caseNo: `K-${String(i).padStart(5, "0")}`, receivedOn: "2026-05-26", source: "当事人申请", domain: "劳动争议", stage: "诉前",
      mediationType: "人民调解", applicant: `申请人${i}`, respondent: "区人社局", accepted: "是", mediator: "李四", status: "调解中",
      // The second push changes every even row and leaves the odd ones as they were.
      summary: version === 2 && i % 2 === 0 ? `第${i}号：已约谈双方` : `第${i}号：拖欠工资`,
    },
  }));
}

interface StoredRow {
  caseNo: string;
  version: number;
  summary: string;
  revisions: number;
  revisionSummary: string | null;
}

async function storedRows(dir: string): Promise<StoredRow[]> {
  const out = await wrangler(["d1", "execute", "DB", "--local", "--config", WRANGLER_CONFIG, "--persist-to", dir, "--json", "--command",
    `SELECT c.case_no AS caseNo, c.version AS version, c.data ->> '$.summary' AS summary,
       (SELECT count(*) FROM case_revisions AS r WHERE r.case_id = c.id) AS revisions,
       (SELECT r.data ->> '$.summary' FROM case_revisions AS r WHERE r.case_id = c.id ORDER BY r.version DESC LIMIT 1) AS revisionSummary
     FROM cases AS c WHERE c.deleted_at IS NULL ORDER BY c.case_no`], { quiet: true });
  return (JSON.parse(out.slice(out.indexOf("["))) as { results: StoredRow[] }[])[0].results;
}

let dir: string;
let server: DevServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-kill-"));
  await applyMigrations(dir, { quiet: true });
  server = await startDevServer({ persistTo: dir, vars: { ADMIN_TOKEN: ADMIN } });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the Worker killed mid-push", () => {
  it("keeps every row exactly once, in its latest version, with the replaced versions, once the push is resumed after a restart", async () => {
    const admin = createClient(server.url, ADMIN);
    await admin.request("POST", "/api/units", { body: { name: UNIT, kind: "town" } });
    const { token } = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit: UNIT } });
    const first = (await pushAll(createClient(server.url, token), rows(1), { wholeLedger: true, locale: "zh-CN" })).summary;
    expect(counts(first)).toEqual({ inserted: ROWS, updated: 0, unchanged: 0, rejected: 0 });

    // The second chunk's request is on its way (or being written) when the process tree is killed.
    let killed = false;
    let restarted: Promise<void> | null = null;
    const port = Number(new URL(server.url).port);
    const attempts: number[] = [];
    const client = createApiClient({
      baseUrl: server.url,
      token,
      fetch: (input, init) => {
        const index = JSON.parse(new TextDecoder().decode(init!.body as Uint8Array)).chunkIndex as number;
        attempts.push(index);
        const sent = fetch(input, init);
        if (index === 1 && !killed) {
          killed = true;
          setTimeout(() => {
            killHard(server);
            restarted = startDevServer({ persistTo: dir, port, vars: { ADMIN_TOKEN: ADMIN } }).then((s) => void (server = s));
          }, 40);
        }
        return sent;
      },
    });
    const { summary: second } = await pushAll(client, rows(2), {
      wholeLedger: true, locale: "zh-CN", retryDelays: Array(30).fill(0),
      // Retries wait for the restarted Worker rather than a fixed back-off.
      sleep: async () => {
        await (restarted ?? Promise.resolve());
        await new Promise((r) => setTimeout(r, 100));
      },
    });
    expect(killed).toBe(true);
    // At least one chunk had to be sent again: the kill cut it off.
    expect(attempts.length).toBeGreaterThan(3);
    expect(second.complete).toBe(true);
    expect(counts(second)).toEqual({ inserted: 0, updated: ROWS / 2, unchanged: ROWS / 2, rejected: 0 });

    await server.stop();
    const stored = await storedRows(dir);
    expect(stored).toHaveLength(ROWS);
    expect(new Set(stored.map((r) => r.caseNo)).size).toBe(ROWS);
    // Each row as "version/revisions/what it says now/what its replaced version said".
    const shape = (r: StoredRow) => `v${r.version}/${r.revisions}/${r.summary.replace(/^第\d+号./, "")}/${r.revisionSummary?.replace(/^第\d+号./, "") ?? "-"}`;
    const counted = new Map<string, number>();
    for (const r of stored) counted.set(shape(r), (counted.get(shape(r)) ?? 0) + 1);
    expect(Object.fromEntries(counted)).toEqual({ "v2/1/已约谈双方/拖欠工资": ROWS / 2, "v1/0/拖欠工资/-": ROWS / 2 });
    expect(stored.filter((_, i) => i % 2 === 0).every((r) => r.version === 2)).toBe(true);
  }, 300_000);
});
