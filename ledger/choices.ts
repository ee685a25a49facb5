/** Allowed values of the choice columns (DOMAIN §2), as ledgers write them. */

export const SOURCES = ["当事人申请", "法院委派（诉前）", "法院委托（诉中）", "复议机关转交", "信访转办", "主动排查", "其他"] as const;

/** The 13 policy domains (重点领域), plus 其他. */
export const DOMAINS = [
  "教育", "医疗卫生", "物业纠纷", "征地拆迁", "劳动人事争议", "交通事故", "环境保护",
  "民族宗教", "海洋渔业", "物价纠纷", "文化旅游", "知识产权", "城市管理", "其他",
] as const;

export const STAGES = ["诉前", "立案", "审判", "执行", "行政复议", "信访"] as const;
export const MEDIATION_TYPES = ["人民调解", "行政调解", "司法调解"] as const;
export const STATUSES = ["调解中", "调解成功", "调解不成", "撤回", "终止", "移送裁判"] as const;
export const COMPLEXITIES = ["简易", "普通", "复杂", "重大"] as const;

export type Source = (typeof SOURCES)[number];
export type Domain = (typeof DOMAINS)[number];
export type Stage = (typeof STAGES)[number];
export type MediationType = (typeof MEDIATION_TYPES)[number];
export type Status = (typeof STATUSES)[number];
export type Complexity = (typeof COMPLEXITIES)[number];

/** Statuses that end a case; every one but 调解中. */
export const FINAL_STATUSES: readonly Status[] = STATUSES.filter((s) => s !== "调解中");

/**
 * What clerks write instead of the canonical value. Keys are compared after text cleaning
 * (half-width, no spaces), so "劳动 争议" and "劳动争议" are the same key.
 */
export const CHOICE_VARIANTS: Record<"source" | "domain" | "stage" | "mediationType" | "status" | "complexity", Record<string, string>> = {
  source: {
    当事人: "当事人申请", 申请: "当事人申请", 自行申请: "当事人申请", 群众申请: "当事人申请",
    法院委派: "法院委派（诉前）", 委派: "法院委派（诉前）", 诉前委派: "法院委派（诉前）", 委派调解: "法院委派（诉前）",
    法院委托: "法院委托（诉中）", 委托: "法院委托（诉中）", 诉中委托: "法院委托（诉中）", 委托调解: "法院委托（诉中）",
    复议机关: "复议机关转交", 复议转交: "复议机关转交", 复议机关移交: "复议机关转交",
    信访: "信访转办", 信访交办: "信访转办", 信访移交: "信访转办",
    排查: "主动排查", 摸排: "主动排查", 排查发现: "主动排查",
  },
  domain: {
    教育纠纷: "教育", 学校: "教育",
    医疗: "医疗卫生", 医患纠纷: "医疗卫生", 医疗纠纷: "医疗卫生", 卫生: "医疗卫生", 医患: "医疗卫生",
    物业: "物业纠纷",
    拆迁: "征地拆迁", 征地: "征地拆迁", 征收: "征地拆迁", 房屋征收: "征地拆迁", 征地拆迁纠纷: "征地拆迁",
    劳动争议: "劳动人事争议", 劳动: "劳动人事争议", 人事争议: "劳动人事争议", 劳资纠纷: "劳动人事争议", 劳动纠纷: "劳动人事争议", 工伤: "劳动人事争议",
    交通: "交通事故", 道路交通事故: "交通事故", 交通事故纠纷: "交通事故",
    环保: "环境保护", 环境污染: "环境保护", 生态环境: "环境保护",
    民族: "民族宗教", 宗教: "民族宗教",
    海洋: "海洋渔业", 渔业: "海洋渔业", 海洋与渔业: "海洋渔业",
    物价: "物价纠纷", 价格: "物价纠纷", 价格纠纷: "物价纠纷",
    文旅: "文化旅游", 旅游: "文化旅游", 文化: "文化旅游",
    知产: "知识产权", 商标: "知识产权", 专利: "知识产权",
    城管: "城市管理", 城市管理纠纷: "城市管理",
  },
  stage: {
    诉前调解: "诉前", 诉前阶段: "诉前", 立案阶段: "立案", 立案调解: "立案", 审判阶段: "审判", 诉中: "审判", 审理: "审判",
    执行阶段: "执行", 执行调解: "执行", 复议: "行政复议", 行政复议阶段: "行政复议", 信访阶段: "信访",
  },
  mediationType: { 人民: "人民调解", 行政: "行政调解", 司法: "司法调解", 诉讼调解: "司法调解", 法院调解: "司法调解" },
  status: {
    成功: "调解成功", 已调解成功: "调解成功", 达成协议: "调解成功", 已达成协议: "调解成功",
    不成: "调解不成", 不成功: "调解不成", 调解不成功: "调解不成", 调解失败: "调解不成", 失败: "调解不成", 未达成协议: "调解不成",
    进行中: "调解中", 正在调解: "调解中", 办理中: "调解中", 在办: "调解中", 未结: "调解中",
    撤回申请: "撤回", 撤诉: "撤回", 申请人撤回: "撤回",
    终结: "终止", 调解终止: "终止", 终止调解: "终止",
    移送: "移送裁判", 移送法院: "移送裁判", 转诉讼: "移送裁判",
  },
  complexity: { 简单: "简易", 一般: "普通", 较复杂: "复杂", 疑难: "复杂", 疑难复杂: "复杂", 重大疑难: "重大", 特别重大: "重大" },
};
