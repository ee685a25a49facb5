// How a person is written where the court reads (ledger/masking.ts): one test per name form and per number pattern.
import { describe, expect, it } from "vitest";
import { ID_MASK, PHONE_MASK, isOrganisation, maskFreeText, maskName } from "../../ledger/masking.ts";

describe("maskName: a person is surname + 某", () => {
  it("keeps the surname of a Chinese name of two, three or four characters", () => {
    expect(["王五", "张小明", "林志强", "李白", "张王丽华"].map(maskName)).toEqual(["王某", "张某", "林某", "李某", "张某"]);
  });

  it("keeps a compound surname whole, whatever the length of the given name", () => {
    expect(maskName("欧阳娜娜娜娜")).toBe("欧阳某");
    const names = ["欧阳小明", "司马光", "诸葛亮", "上官婉儿", "东方朔", "皇甫嵩", "尉迟恭", "公孙胜", "慕容复", "长孙无忌", "宇文泰", "司徒雷登", "夏侯惇", "令狐冲", "端木蓉"];
    expect(names.map(maskName)).toEqual(["欧阳某", "司马某", "诸葛某", "上官某", "东方某", "皇甫某", "尉迟某", "公孙某", "慕容某", "长孙某", "宇文某", "司徒某", "夏侯某", "令狐某", "端木某"]);
  });

  it("reads a two-character name that begins like a compound surname as surname + given name", () => {
    expect(maskName("欧阳")).toBe("欧某");
  });

  it("masks a name with a middle dot whole, in any of the dots clerks type", () => {
    for (const name of ["阿卜杜·热合曼", "阿卜杜•热合曼", "阿卜杜・热合曼", "阿卜杜.热合曼", "买买提·艾力·吐尔逊"]) expect(maskName(name), name).toBe("某");
  });

  it("masks a Latin name whole, in half or full width, and a name with digits", () => {
    for (const name of ["Zhang Wei", "ZHANG WEI", "Ｚｈａｎｇ Ｗｅｉ", "John Smith (agent Li Na)", "王五2"]) expect(maskName(name), name).toBe("某");
  });

  it("masks a cell with brackets whole, keeping the role word: 李四（代理人王五） → 某（代理人某）", () => {
    expect(maskName("李四（代理人王五）")).toBe("某（代理人某）");
    expect(maskName("李四(代理人王五)")).toBe("某（代理人某）");
    expect(maskName("李四【委托代理人：王五】")).toBe("某（委托代理人某）");
    expect(maskName("李四（王五）")).toBe("某（某）");
    expect(maskName("李四（代理人王五")).toBe("某（代理人某）");
    expect(maskName("（代理人）王五")).toBe("（代理人）某");
  });

  it("keeps an organisation's name as written, and masks the person in brackets after it", () => {
    expect(maskName("泉港石化有限公司")).toBe("泉港石化有限公司");
    expect(maskName("泉港石化有限公司（法定代表人张三）")).toBe("泉港石化有限公司（法定代表人某）");
    expect(maskName("樟脚村村民委员会")).toBe("樟脚村村民委员会");
  });

  it("keeps every respondent agency of the district as written", () => {
    const agencies = ["区公安分局", "区信访局", "区工信局", "区商务局", "区教育局", "区人社局", "区自然资源局", "区住建局", "区卫健局", "区应急局",
      "区市场监督管理局", "区工商联", "区侨联", "区生态环境局", "交警大队", "区司法局", "区法院", "南埔镇人民政府", "山腰街道办事处", "樟脚村"];
    expect(agencies.map(maskName)).toEqual(agencies);
    expect(agencies.every(isOrganisation)).toBe(true);
  });

  it("masks a name ending in what organisations also end with (建社, 秀会, 国院, 中心)", () => {
    expect(["王建社", "李秀会", "陈国院", "欧阳建社", "王中心", "张工会"].map(maskName)).toEqual(["王某", "李某", "陈某", "欧阳某", "王某", "张某"]);
  });

  it("masks each of several people in one cell, and keeps how many more there are", () => {
    expect(maskName("张三、李四")).toBe("张某、李某");
    expect(maskName("张三,欧阳娜娜;Zhang Wei")).toBe("张某,欧阳某;某");
    expect(maskName("张三等5人")).toBe("张某等5人");
    expect(maskName("张三等十二户")).toBe("张某等十二户");
  });

  it("reads a name typed with spaces between its characters as one name", () => {
    expect(maskName("张  三")).toBe("张某");
    expect(maskName("陈 国 华")).toBe("陈某");
  });

  it("writes a single character as 某: it may be the given name", () => {
    expect(maskName("张")).toBe("某");
  });

  it("changes nothing when a masked name is masked again, and leaves empty and null alone", () => {
    for (const name of ["欧阳娜娜娜娜", "阿卜杜·热合曼", "Zhang Wei", "李四（代理人王五）", "张三等5人", "泉港石化有限公司（法定代表人张三）"]) {
      expect(maskName(maskName(name)), name).toBe(maskName(name));
    }
    expect(maskName("")).toBe("");
    expect(maskName(null)).toBeNull();
  });
});

describe("maskFreeText: the row's names wherever they appear", () => {
  it("masks the applicant's full name and given name alone", () => {
    expect(maskFreeText("欧阳娜娜娜娜称娜娜娜娜的补偿款未到位", ["欧阳娜娜娜娜"])).toBe("欧阳某称某的补偿款未到位");
    expect(maskFreeText("张小明与小明之父", ["张小明"])).toBe("张某与某之父");
  });

  it("masks a dotted name whole and each of its parts, whatever dot the text uses", () => {
    expect(maskFreeText("阿卜杜•热合曼称，热合曼与阿卜杜同住", ["阿卜杜·热合曼"])).toBe("某称，某与某同住");
  });

  it("masks a Latin name in any case and width, and its parts as words only", () => {
    expect(maskFreeText("ZHANG WEI 与 zhang wei、Ｗｅｉ 及 Weiss 公司", ["Zhang Wei"])).toBe("某 与 某、某 及 Weiss 公司");
  });

  it("masks the party and the agent of a bracketed cell as that cell shows them", () => {
    expect(maskFreeText("李四委托王五代为申请", ["李四（代理人王五）"])).toBe("某委托某代为申请");
  });

  it("masks the mediator's name, typed with or without spaces", () => {
    expect(maskFreeText("经陈国华、陈 国 华调解", ["张三", "陈 国 华"])).toBe("经陈某、陈某调解");
  });

  it("leaves an organisation of the row and other words as written", () => {
    expect(maskFreeText("泉港石化有限公司同意补偿", ["泉港石化有限公司"])).toBe("泉港石化有限公司同意补偿");
  });
});

describe("maskFreeText: every ID number, credit code and phone number", () => {
  const masked = (text: string) => maskFreeText(text, []);

  it("masks an 18-digit resident ID with a valid check digit, and one with a wrong one", () => {
    expect(masked("身份证350505199001011239。")).toBe(`身份证${ID_MASK}。`);
    expect(masked("身份证350505199001011238。")).toBe(`身份证${ID_MASK}。`);
  });

  it("masks an ID ending in X, x or ×, and one grouped with spaces or dashes", () => {
    expect(masked("65010219800101003X、65010219800101003x、65010219800101003×")).toBe(`${ID_MASK}、${ID_MASK}、${ID_MASK}`);
    expect(masked("350505 19900101 1239 / 350505-19900101-1239")).toBe(`${ID_MASK} / ${ID_MASK}`);
  });

  it("masks an ID in full-width digits", () => {
    expect(masked("证件号３５０５０５１９９００１０１１２３９号")).toBe(`证件号${ID_MASK}号`);
  });

  it("masks an old 15-digit ID and a bank card number", () => {
    expect(masked("旧证350505900101123，卡号6222021234567890123")).toBe(`旧证${ID_MASK}，卡号${ID_MASK}`);
  });

  it("masks a unified social credit code in upper or lower case and in full width", () => {
    expect(masked("代码91350505MA2Y1234X5；91350505ma2y1234x5；９１３５０５０５ＭＡ２Ｙ１２３４Ｘ５")).toBe(`代码${ID_MASK}；${ID_MASK}；${ID_MASK}`);
  });

  it("masks a mobile number with or without separators", () => {
    expect(masked("13805951234、138-0595-1234、138 0595 1234、1380 595 1234")).toBe([PHONE_MASK, PHONE_MASK, PHONE_MASK, PHONE_MASK].join("、"));
  });

  it("masks a mobile number with +86, 0086 or 86 before it, and in full-width digits", () => {
    expect(masked("+86 139 1234 5678；+86-13912345678；0086 136-1234-5678；8613612345678；１３８０５９５１２３４")).toBe(
      [PHONE_MASK, PHONE_MASK, PHONE_MASK, PHONE_MASK, PHONE_MASK].join("；"),
    );
  });

  it("masks a landline with its area code, dashed, spaced, in brackets or run together, with an extension", () => {
    expect(masked("0595-87654321；010 6552 9988；(0991)4567890；（０５９５）８７６５４３２１；059587654321；0595—22345678 转 8001")).toBe(
      [PHONE_MASK, PHONE_MASK, PHONE_MASK, PHONE_MASK, PHONE_MASK, PHONE_MASK].join("；"),
    );
  });

  it("masks a local number without area code where the text calls it a phone", () => {
    expect(masked("联系电话：87654321，座机 2234-5678")).toBe(`联系电话：${PHONE_MASK}，座机 ${PHONE_MASK}`);
  });

  it("leaves dates, amounts, case numbers and court case numbers as typed", () => {
    const text = "2026-05-26 收案，2026.5.26 调解，协议金额35000元（3.5万），案号（2026）闽0505民初1234号，SY-2026-000123，12345678元";
    expect(masked(text)).toBe(text);
  });

  it("masks names and numbers together in one text, keeping everything else", () => {
    expect(maskFreeText("欧阳娜娜娜娜（身份证350505199001011239，电话138-0595-1234）称娜娜娜娜的补偿款未到位", ["欧阳娜娜娜娜"]))
      .toBe(`欧阳某（身份证${ID_MASK}，电话${PHONE_MASK}）称某的补偿款未到位`);
  });

  it("masks a 20,000-character name cell and the text repeating it in well under a second", () => {
    const name = "张".repeat(20_000);
    const started = performance.now();
    expect(maskName(name)).toBe("某");
    expect(maskFreeText(name + "电话13805951234", [name, "李四"])).toBe(`${name}电话${PHONE_MASK}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("leaves null and empty text alone", () => {
    expect(maskFreeText(null, ["张三"])).toBeNull();
    expect(maskFreeText("", ["张三"])).toBe("");
  });
});
