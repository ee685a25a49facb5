import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
let admin: Record<string, string>;

beforeAll(async () => {
  server = await startTestWorker();
  admin = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: TEST_ADMIN_TOKEN };
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
});

describe("tiaojie unit", () => {
  it("adds units and lists them; adding a name twice fails with the server's reason", async () => {
    expect((await tiaojie(["unit", "add", "南埔镇", "--kind", "town"], admin)).stdout).toContain("南埔镇");
    const dup = await tiaojie(["unit", "add", "南埔镇", "--kind", "town"], admin);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/已存在.*409 conflict/);
    const list = JSON.parse((await tiaojie(["unit", "list", "--json"], admin)).stdout);
    expect(list.units.map((u: { name: string }) => u.name)).toEqual(["南埔镇"]);
  }, 30_000);

  it("shows the server's 422 when the unit kind is not town, department or centre", async () => {
    const res = await tiaojie(["unit", "add", "X村", "--kind", "village"], admin);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("422 invalid_request");
  }, 30_000);
});

describe("tiaojie token", () => {
  it("creates a clerk token shown once, lists it without its value, and revokes it so it is refused at once", async () => {
    await tiaojie(["unit", "add", "山腰街道", "--kind", "town", "--url", server.url, "--token", TEST_ADMIN_TOKEN], {});
    const created = await tiaojie(["token", "create", "--role", "clerk", "--unit", "山腰街道", "--label", "王会计"], admin);
    expect(created.code).toBe(0);
    const token = /tj_[A-Za-z0-9_-]{43}/.exec(created.stdout)![0];
    expect(created.stdout).toContain("只显示这一次");

    const list = await tiaojie(["token", "list"], admin);
    expect(list.stdout).toMatch(/clerk\t山腰街道\t王会计/);
    expect(list.stdout).not.toContain(token);
    const id = /#(\d+)\tclerk/.exec(list.stdout)![1];

    const asClerk = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: token };
    expect((await tiaojie(["push", "samples/shanyao-2026.xlsx", "--json"], asClerk)).code).toBe(0);
    expect((await tiaojie(["token", "revoke", id], admin)).stdout).toContain(`#${id}`);
    const refused = await tiaojie(["push", "samples/shanyao-2026.xlsx"], asClerk);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/吊销.*401 token_revoked/);
  }, 60_000);

  it("asks for a token when neither TIAOJIE_TOKEN nor --token is given", async () => {
    const res = await tiaojie(["token", "list"], { TIAOJIE_URL: server.url });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("TIAOJIE_TOKEN");
  }, 30_000);
});
