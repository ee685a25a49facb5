import { spawn, spawnSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
let admin: Record<string, string>;
let clerkShanyao: string;

beforeAll(async () => {
  server = await startTestWorker();
  admin = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: TEST_ADMIN_TOKEN };
  for (const [name, kind] of [["山腰街道", "town"], ["南埔镇", "town"]]) {
    expect((await tiaojie(["unit", "add", name, "--kind", kind], admin)).code).toBe(0);
  }
  clerkShanyao = JSON.parse((await tiaojie(["token", "create", "--role", "clerk", "--unit", "山腰街道", "--json"], admin)).stdout).token;
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
});

const ROOT = path.resolve(import.meta.dirname, "../..");
/** util-linux `script` gives the command a terminal, so `tiaojie push` asks as it does a person at a keyboard. */
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Runs `tiaojie …` on a terminal and answers its question with `answer`; returns what the terminal showed. */
function onTerminal(args: string[], answer: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, path.join(ROOT, "cli/bin.ts"), ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env: { ...process.env, TIAOJIE_URL: "", TIAOJIE_TOKEN: "", ...env } });
    let out = "";
    let answered = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      out += d;
      if (!answered && out.includes("[y/N")) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

describe("tiaojie push", () => {
  it("pushes a ledger and prints the receipt totals; pushing the same file again reports everything unchanged", async () => {
    const env = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: clerkShanyao };
    const first = await tiaojie(["push", "samples/shanyao-2026.xlsx"], env);
    expect(first.stderr).toContain("山腰街道");
    expect(first.stdout).toMatch(/新增 60，更新 0，未变 0，退回 0/);
    expect(first.code).toBe(0);
    const again = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--json"], env);
    const totals = JSON.parse(again.stdout);
    expect(totals.counts).toEqual({ inserted: 0, updated: 0, unchanged: 60, rejected: 0 });
    expect(totals).toMatchObject({ unit: "山腰街道", complete: true, notInLedger: [], rows: 60 });
  }, 60_000);

  it("prints one JSON object with the rejected rows and their issues when the ledger has errors", async () => {
    const token = JSON.parse((await tiaojie(["token", "create", "--role", "coordinator", "--json"], admin)).stdout).token;
    const res = await tiaojie(["push", "samples/nanpu-2026-with-errors.xlsx", "--unit", "南埔镇", "--json"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: token });
    expect(res.code).toBe(1);
    const totals = JSON.parse(res.stdout);
    expect(totals.counts.rejected).toBeGreaterThan(0);
    expect(totals.rejectedRows).toHaveLength(totals.counts.rejected);
    const errors = totals.issues.filter((i: { severity: string }) => i.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toEqual(expect.objectContaining({ row: expect.any(Number), column: expect.stringMatching(/^[A-Z]+$/), code: expect.any(String), message: expect.any(String) }));
  }, 60_000);

  it("tells a coordinator to name the unit, and a clerk that another unit is not theirs", async () => {
    const coordinator = JSON.parse((await tiaojie(["token", "create", "--role", "coordinator", "--json"], admin)).stdout).token;
    const noUnit = await tiaojie(["push", "samples/shanyao-2026.xlsx"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: coordinator });
    expect(noUnit.code).toBe(2);
    expect(noUnit.stderr).toContain("--unit");
    const other = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--unit", "南埔镇"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: clerkShanyao });
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/403 forbidden/);
  }, 60_000);

  it("asks before marking more than a fifth of the unit's cases, marks them with --confirm-missing, and says when they come back", async () => {
    const unit = "界山镇";
    expect((await tiaojie(["unit", "add", unit, "--kind", "town"], admin)).code).toBe(0);
    const env = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: JSON.parse((await tiaojie(["token", "create", "--role", "clerk", "--unit", unit, "--json"], admin)).stdout).token };
    // 山腰街道's sample as 界山镇's own ledger (its 60 case rows name 界山镇), and the same without its last 30 cases.
    const dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-marking-"));
    const ledger = async (file: string, dropLast: number) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile("samples/shanyao-2026.xlsx");
      const ws = wb.worksheets[0];
      let unitColumn = 0;
      let caseNoColumn = 0;
      ws.getRow(3).eachCell((cell, col) => {
        if (cell.value === "承办单位") unitColumn = col;
        if (cell.value === "案件编号") caseNoColumn = col;
      });
      const caseRows: ExcelJS.Row[] = [];
      ws.eachRow((r) => { if (/^SY-2026-/.test(String(r.getCell(caseNoColumn).value))) caseRows.push(r); });
      expect(caseRows).toHaveLength(60);
      for (const r of caseRows) r.getCell(unitColumn).value = unit;
      for (const r of caseRows.slice(caseRows.length - dropLast)) r.eachCell((cell) => { cell.value = null; });
      await wb.xlsx.writeFile(path.join(dir, file));
      return path.join(dir, file);
    };
    const full = await ledger("full.xlsx", 0);
    const trimmed = await ledger("trimmed.xlsx", 30);
    expect((await tiaojie(["push", full], env)).code).toBe(0);

    // Not on a terminal: nothing is marked, and the clerk is told which option confirms it.
    const refused = await tiaojie(["push", trimmed], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("本次上报的台账缺少 30 件已上报的案件");
    expect(refused.stderr).toContain("占本单位 60 件的 50%");
    expect(refused.stderr).toContain("--confirm-missing 30");
    expect(refused.stdout).toContain("未标记任何案件");
    const json = JSON.parse((await tiaojie(["push", trimmed, "--json"], env)).stdout);
    expect(json).toMatchObject({ notInLedger: [], marking: { outcome: "needs_confirmation", missing: 30, marked: 0, liveCases: 60 } });

    if (hasScript) {
      // On a terminal it asks: "no" marks nothing; "yes" sends the ledger again with the confirmation.
      const declined = await onTerminal(["push", trimmed], "n", env);
      expect(declined.out).toContain("确认这些案件已不在台账中？");
      expect(declined.out).toContain("未标记任何案件");
      expect(declined.code).toBe(0);
      const accepted = await onTerminal(["push", trimmed], "y", env);
      expect(accepted.out).toContain("已将 30 件已上报的案件标记为“不在台账中”");
      expect(accepted.code).toBe(0);
      expect((await tiaojie(["push", full], env)).stdout).toContain("30 件此前标记为“不在台账中”的案件再次出现在台账中，已恢复");
    }

    const confirmed = await tiaojie(["push", trimmed, "--confirm-missing", "30"], env);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain("已将 30 件已上报的案件标记为“不在台账中”（未删除，仍计入考评和补贴");
    const back = await tiaojie(["push", full], env);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain("30 件此前标记为“不在台账中”的案件再次出现在台账中，已恢复");

    // Another unit's ledger pushed by mistake: every row is refused and nothing is marked.
    const wrong = await tiaojie(["push", "samples/nanpu-2026-with-errors.xlsx"], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("未把任何已上报的案件标记为“不在台账中”");
    expect(JSON.parse((await tiaojie(["push", full, "--json"], env)).stdout)).toMatchObject({
      counts: { unchanged: 60, updated: 0 }, restored: 0, marking: { outcome: "nothing_missing", marked: 0 },
    });
    const badCount = await tiaojie(["push", full, "--confirm-missing", "三十"], env);
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toContain("--confirm-missing 须为正整数件数");
  }, 240_000);

  it("explains a server that cannot be reached", async () => {
    const res = await tiaojie(["push", "samples/shanyao-2026.xlsx"], { TIAOJIE_URL: "http://127.0.0.1:9", TIAOJIE_TOKEN: clerkShanyao });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("npm start");
  }, 30_000);
});
