import { describe, expect, it } from "vitest";
import { isCreditCode, isResidentId, normalisePartyId } from "../../ledger/party-id.ts";

/*
 * Check digits worked by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check "10X98765432"[sum % 11]):
 *   11010519491231002X  1·7+1·9+0+1·5+0+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0+0+2·2 = 167; 167 % 11 = 2 → X
 *   350503199001011236  3·7+5·9+0+5·5+0+3·4+1·2+9·1+9·6+0+0+1·9+0+1·5+1·8+2·4+3·2 = 204; 204 % 11 = 6 → 6
 *   35052119850228234X, 110101200002290018 (born 2000-02-29), 440306199912315679: same sums, checked twice.
 * Credit code (values 0–9, A=10 … Y=30 skipping I O Z S V; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28):
 *   91350100M000100Y43  9·1+1·3+3·9+5·27+0+1·26+0+0+M(21)·20+0+0+0+1·8+0+0+Y(30)·30+4·28 = 1640;
 *                      1640 % 31 = 28; (31 − 28) % 31 = 3 → 3
 *   91110000600037341L, 123505000036048510, 52350505MJD012345E: same computation.
 * ONE_PER_CHECK_CHARACTER and MORE_CREDIT_CODES were computed with a separate Python script (not this code);
 * spot check: 350503199001010030 → 21+45+0+25+0+12+2+9+54+0+0+9+0+5+0+0+6 = 188; 188 % 11 = 1 → 0.
 */
const ONE_PER_CHECK_CHARACTER = [
  "350503199001010030", "350503199001010081", "350503199001010022", "350503199001010073",
  "350503199001010014", "350503199001010065", "350503199001010006", "350503199001010057",
  "350503199001010188", "350503199001010049", "35050319900101009X",
];
const MORE_CREDIT_CODES = ["9135052100000000AJ", "91350521MA2Y3K7W8E", "913505210000000HJW", "91350521MACKRT4QYU"];
const RESIDENT_IDS = ["11010519491231002X", "350503199001011236", "35052119850228234X", "110101200002290018", "440306199912315679"];
const CREDIT_CODES = ["91350100M000100Y43", "91110000600037341L", "123505000036048510", "52350505MJD012345E"];

describe("isResidentId", () => {
  it.each(RESIDENT_IDS)("accepts the valid resident ID %s", (id) => {
    expect(isResidentId(id)).toBe(true);
  });

  it.each(ONE_PER_CHECK_CHARACTER)("accepts %s: every check character 0–9 and X is computed right", (id) => {
    expect(isResidentId(id)).toBe(true);
    const wrong = id.slice(0, 17) + (id.endsWith("0") ? "1" : "0");
    expect(isResidentId(wrong)).toBe(false);
  });

  it("reads a lower-case x check character as X", () => {
    expect(isResidentId("11010519491231002x")).toBe(true);
  });

  it.each([
    ["a wrong check digit", "110105194912310021"],
    ["a wrong check digit (X for 6)", "35050319900101123X"],
    ["one digit changed", "350503199001011246"],
    ["17 characters", "35050319900101123"],
    ["19 characters", "3505031990010112360"],
    ["a letter inside", "3505031990A1011236"],
    ["15-digit first-generation ID", "350503900101123"],
  ])("refuses %s: %s", (_why, id) => {
    expect(isResidentId(id)).toBe(false);
  });

  it("refuses IDs whose birth date is not a real day, even with a correct check digit", () => {
    // check digits computed the same way: 2001-02-29 (no leap day), month 13, year 1899, birth in 2999
    for (const body of ["11010120010229001", "11010119901301001", "11010118990101001", "11010129990101001"]) {
      expect(isResidentId(body + checkDigitByHand(body))).toBe(false);
    }
  });
});

describe("isCreditCode", () => {
  it.each([...CREDIT_CODES, ...MORE_CREDIT_CODES])("accepts the valid credit code %s", (code) => {
    expect(isCreditCode(code)).toBe(true);
  });

  it.each([
    ["a wrong check character", "91350100M000100Y44"],
    ["a transposition", "91350100M000010Y43"],
    ["I, which the alphabet leaves out", "91350100I000100Y43"],
    ["O, which the alphabet leaves out", "91350100O000100Y43"],
    ["17 characters", "91350100M000100Y4"],
    ["Chinese inside", "91350100M000100Y四3"],
  ])("refuses %s: %s", (_why, code) => {
    expect(isCreditCode(code)).toBe(false);
  });
});

describe("normalisePartyId", () => {
  it.each([
    ...RESIDENT_IDS.map((id) => [id, id]),
    ...CREDIT_CODES.map((c) => [c, c]),
    ["11010519491231002x", "11010519491231002X"],
    [" 350503 19900101 1236 ", "350503199001011236"],
    ["３５０５０３１９９００１０１１２３６", "350503199001011236"],
    ["91350100m000100y43", "91350100M000100Y43"],
    ["９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"],
    ["\u200b350503199001011236\n", "350503199001011236"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalisePartyId(input)).toEqual({ ok: true, value: expected });
  });

  it.each(["110105194912310021", "35050319900101123", "350503-19900101-1236", "身份证350503199001011236", "无", "91350100M000100Y44"])(
    "refuses %j and keeps the text as typed",
    (input) => {
      expect(normalisePartyId(input)).toEqual({ ok: false, raw: input });
    },
  );

  it("refuses an ID Excel stored as a number: its last digits are already lost", () => {
    expect(normalisePartyId(3.50503199001011e17)).toEqual({ ok: false, raw: "350503199001011000" });
    expect(normalisePartyId(350503199001011236)).toMatchObject({ ok: false });
  });

  it.each([null, undefined, "", "  "])("reads the empty cell %j as null", (input) => {
    expect(normalisePartyId(input)).toEqual({ ok: true, value: null });
  });
});

/** Only for building IDs with impossible birth dates: the valid examples above are worked by hand. */
function checkDigitByHand(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i];
  return "10X98765432"[sum % 11];
}
