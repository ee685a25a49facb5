// What of a person reaches the court liaison (法院联络员): court cases, the joint-meeting digest and statistics are
// read with names, ID numbers, credit codes and phone numbers typed into the names and the free text of the rows —
// in every form the ledgers hold them — and none of them may arrive, while the coordinator still reads them all.
import { beforeAll, describe, expect, it } from "vitest";
import {
  UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, type World,
} from "./helpers.ts";

const AS_OF = "2026-07-15";
const COURT = { source: "法院委派（诉前）" };

// Each row holds one name form; its free text holds the name again and the numbers a clerk types into 案情.
const ROWS_A = [
  // a compound surname with a six-character name; the mediator has a compound surname too; a commitment overdue
  // on the as-of day puts its text into the digest's list of broken commitments
  sheetRow(2, "P1", {
    ...COURT, applicant: "欧阳娜娜娜娜", mediator: "司马光明", status: "调解成功", closedOn: "2026.6.1", judicialConfirmation: "否",
    summary: "欧阳娜娜娜娜（身份证350505199001011239，电话138-0595-1234）称娜娜娜娜的补偿款未到位",
    commitment: "三十日内向欧阳娜娜娜娜支付补偿，经办人电话0595-87654321", commitmentDue: "2026.6.20",
  }),
  // a name with a middle dot; not accepted, so its reason is free text too
  sheetRow(3, "P2", {
    ...COURT, applicant: "阿卜杜·热合曼", accepted: "否", mediator: null, status: null,
    summary: "阿卜杜·热合曼 身份证号 65010219800101003x 手机 +86 139 1234 5678",
    rejectReason: "热合曼已向法院起诉；联系电话（0991）4567890",
  }),
  // a Latin name, an old 15-digit ID and a mobile in full-width digits
  sheetRow(4, "P3", {
    ...COURT, applicant: "Zhang Wei", mediator: "陈 国 华",
    summary: "ZHANG WEI 旧身份证350505900101123，手机１３８０５９５１２３４，陈国华主持调解",
  }),
  // a party with an agent in brackets, a credit code and a mobile with 0086
  sheetRow(5, "P4", {
    ...COURT, applicant: "李四（代理人王五）", mediator: "黄志明",
    summary: "李四委托王五代为申请；王五电话0086 136-1234-5678；被申请人合作方泉港石化有限公司（统一社会信用代码91350505MA2Y1234X5）",
    notes: "备注：李四身份证350505199001011239",
  }),
  // an organisation applies: its name stays as written, its credit code does not
  sheetRow(6, "P5", { ...COURT, applicant: "泉港石化有限公司", summary: "泉港石化有限公司，代码91350505ma2y1234x5，法定代表人电话13912345678" }),
  // a court case repeating a dispute whose earlier case (NP-E1 below) was no court case
  sheetRow(7, "L1", { ...COURT, receivedOn: "2026.6.10", applicant: "林海峰", respondent: "区自然资源局", summary: "林海峰再次申请" }),
];
const ROWS_B = [
  sheetRow(2, "NP-E1", { receivedOn: "2026.2.1", status: "调解不成", closedOn: "2026.3.1", applicant: "林海峰", respondent: "区自然资源局", summary: "林海峰首次申请" }),
];

// Everything of a person the rows above hold, as typed and as digits alone.
const NAMES = ["欧阳娜娜娜娜", "娜娜娜娜", "司马光明", "阿卜杜", "热合曼", "Zhang Wei", "ZHANG WEI", "陈国华", "陈 国 华", "李四", "王五", "林海峰"];
const NUMBERS = [
  "350505199001011239", "65010219800101003", "350505900101123", "91350505MA2Y1234X5", "91350505ma2y1234x5",
  "13805951234", "059587654321", "09914567890", "13912345678", "13612345678",
];
const digitsAndLetters = (s: string) => s.normalize("NFKC").replace(/[^0-9A-Za-z]/g, "");

/** Fails naming the first name or number of a person found in what the court was given. */
function expectNoPerson(body: unknown) {
  const text = JSON.stringify(body);
  for (const name of NAMES) expect(text, name).not.toContain(name);
  expect(text.toLowerCase()).not.toContain("zhang");
  const squeezed = digitsAndLetters(text).toUpperCase();
  for (const n of NUMBERS) expect(squeezed, n).not.toContain(digitsAndLetters(n).toUpperCase());
  expect(text).not.toContain("备注");
}

async function push(token: string, rows: unknown[]) {
  const res = await pushChunk(token, newPushId(), newKey(), chunkBody(rows));
  const receipt = await json(res);
  if (res.status !== 200 || receipt.counts.rejected !== 0) throw new Error(`push failed: ${res.status} ${JSON.stringify(receipt).slice(0, 800)}`);
}

let w: World;
const byNo = new Map<string, any>();
let courtDigest: any;
let coordinatorDigest: any;

beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
  await push(w.clerkA, ROWS_A);
  await push(w.clerkB, ROWS_B);
  const page = await json(await call("GET", "/api/court/cases?limit=1000", { token: w.court }));
  for (const c of page.cases) byNo.set(c.caseNo, c);
  courtDigest = await json(await call("GET", `/api/digest?period=2026-Q2&asOf=${AS_OF}`, { token: w.court }));
  coordinatorDigest = await json(await call("GET", `/api/digest?period=2026-Q2&asOf=${AS_OF}`, { token: w.coordinator }));
});

describe("the court's cases (GET /api/court/cases)", () => {
  it("lists every court case with no name, ID number, credit code or phone of a person in any field", () => {
    expect([...byNo.keys()].sort()).toEqual(["L1", "P1", "P2", "P3", "P4", "P5"]);
    expectNoPerson([...byNo.values()]);
  });

  it("writes each person as surname + 某, a compound surname whole, and a name with ·, Latin letters or brackets masked whole", () => {
    expect([...byNo.values()].map((c) => [c.caseNo, c.applicant, c.mediator])).toEqual([
      ["P1", "欧阳某", "司马某"],
      ["P2", "某", null],
      ["P3", "某", "陈某"],
      ["P4", "某（代理人某）", "黄某"],
      ["P5", "泉港石化有限公司", "李某"],
      ["L1", "林某", "李某"],
    ]);
    expect(byNo.get("P1").respondent).toBe("区人社局");
  });

  it("masks the row's own names and every ID, credit-code and phone pattern inside 争议概要, 不予受理理由 and 承诺事项", () => {
    // The push stored the text with full-width punctuation and digits narrowed, as every cell is.
    expect(byNo.get("P1").summary).toBe("欧阳某(身份证［证件号码］,电话［电话号码］)称某的补偿款未到位");
    expect(byNo.get("P1").commitment).toBe("三十日内向欧阳某支付补偿,经办人电话［电话号码］");
    expect(byNo.get("P2").summary).toBe("某 身份证号 ［证件号码］ 手机 ［电话号码］");
    expect(byNo.get("P2").rejectReason).toBe("某已向法院起诉;联系电话［电话号码］");
    expect(byNo.get("P3").summary).toBe("某 旧身份证［证件号码］,手机［电话号码］,陈某主持调解");
    expect(byNo.get("P4").summary).toBe("某委托某代为申请;某电话［电话号码］;被申请人合作方泉港石化有限公司(统一社会信用代码［证件号码］)");
    expect(byNo.get("P5").summary).toBe("泉港石化有限公司,代码［证件号码］,法定代表人电话［电话号码］");
  });

  it("gives the single case route the same masked case as the list", async () => {
    for (const caseNo of ["P1", "P4"]) {
      const res = await call("GET", `/api/court/cases/${UNIT_A}/${caseNo}`, { token: w.court });
      expect(res.status).toBe(200);
      const one = await json(res);
      expectNoPerson(one);
      expect(one).toEqual(byNo.get(caseNo));
    }
  });

  it("leaves the coordinator every name, number and note as the clerk typed them", async () => {
    const p1 = (await json(await call("GET", `/api/cases/${UNIT_A}/P1`, { token: w.coordinator }))).data;
    expect([p1.applicant, p1.mediator, p1.summary]).toEqual(["欧阳娜娜娜娜", "司马光明", "欧阳娜娜娜娜(身份证350505199001011239,电话138-0595-1234)称娜娜娜娜的补偿款未到位"]);
    const p4 = (await json(await call("GET", `/api/cases/${UNIT_A}/P4`, { token: w.coordinator }))).data;
    expect([p4.applicant, p4.notes]).toEqual(["李四(代理人王五)", "备注:李四身份证350505199001011239"]);
  });
});

describe("the joint-meeting digest (GET /api/digest)", () => {
  it("gives the court no name, number or phone of a person, in its lists or its figures", () => {
    expect(courtDigest.caseLists).toBe("court");
    expectNoPerson(courtDigest);
  });

  it("masks the text of a broken commitment as the court's case view does", () => {
    expect(courtDigest.commitments.overdueCases.map((c: any) => [c.caseNo, c.commitment])).toEqual([
      ["P1", "三十日内向欧阳某支付补偿,经办人电话［电话号码］"],
    ]);
  });

  it("lists the court's case that repeats a dispute, but withholds its earlier case when that was no court case (前案非法院案件)", () => {
    const courtRepeat = courtDigest.repeats.cases.find((c: any) => c.caseNo === "L1");
    expect(courtRepeat).toMatchObject({ unit: UNIT_A, applicant: "林某", courtReferred: true, previous: null });
    expect(JSON.stringify(courtDigest)).not.toContain("NP-E1");
    expect(JSON.stringify(courtDigest)).not.toContain("2026-03-01");
    // The coordinator reads the same repeat with its earlier case; the applicant is masked for every reader.
    const coordinatorRepeat = coordinatorDigest.repeats.cases.find((c: any) => c.caseNo === "L1");
    expect(coordinatorRepeat).toMatchObject({
      applicant: "林某", previous: { unit: UNIT_B, caseNo: "NP-E1", closedOn: "2026-03-01", status: "调解不成", courtCase: false },
    });
    expect([courtDigest.repeats.total, courtDigest.repeats.afterCourt]).toEqual([coordinatorDigest.repeats.total, coordinatorDigest.repeats.afterCourt]);
  });

  it("masks the coordinator's digest the same way: it is handed round at the joint meeting", () => {
    expectNoPerson(coordinatorDigest);
    expect(coordinatorDigest.commitments.overdueCases.find((c: any) => c.caseNo === "P1").commitment).toBe("三十日内向欧阳某支付补偿,经办人电话［电话号码］");
  });
});

describe("statistics (GET /api/stats)", () => {
  it("answer the court 403 with nothing of a case, while the coordinator reads them", async () => {
    const res = await call("GET", "/api/stats?period=2026-Q2", { token: w.court });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(Object.keys(body)).toEqual(["error"]);
    expectNoPerson(body);
    expect(JSON.stringify(body)).not.toContain("区人社局");
    const coordinator = await call("GET", "/api/stats?period=2026-Q2", { token: w.coordinator });
    expect(coordinator.status).toBe(200);
    expect((await json(coordinator)).totals.received).toBe(6);
  });
});
