/**
 * Task pane words in Chinese (default) and English, chosen from Office's display language: here the Chinese words of
 * the first pages; English and the other pages' words are fetched when needed (see `words` below). Plain data and one
 * function, outside ui/ so that logic/ (which never imports ui/) can word its messages too.
 */
import type { Locale } from "../../ledger/messages.ts";
import type { ZH_MORE } from "./i18n-more.ts";

const ZH = {
  appTitle: "调解台账",
  "page.loading": "正在打开此页…",
  "page.loadFailed": "“{page}”页未能打开：此页的程序没有下载下来（网络断开或服务器暂时无法访问）。请检查网络连接后点“重试”；已读入的工作表和校验结果不受影响。",
  "page.retry": "重试",
  "error.moduleLoad": "这部分程序没有下载下来（网络断开或服务器暂时无法访问）。请检查网络连接后再点一次；已读入的工作表和校验结果不受影响。",
  "tab.connect": "连接",
  "tab.columns": "列映射",
  "tab.validate": "校验",
  "tab.push": "上报",
  "tab.coordinator": "预警清单",
  "tab.rankings": "考评排名",
  "tab.mentors": "导师",
  "tab.routing": "分流",
  "tab.incoming": "转入案件",
  "connect.intro": "粘贴管理员发给您的访问令牌（只需一次，保存在本机，不写入工作簿）。",
  "connect.token": "访问令牌",
  "connect.save": "连接",
  "connect.forget": "断开并删除本机令牌",
  "connect.connected": "已连接：{unit}（{role}）",
  "connect.notConnected": "尚未连接。校验可离线使用；上报、预警和排名需要连接。",
  "connect.badFormat": "令牌格式不对：应以 tj_ 开头，共 46 个字符。请整段复制粘贴。",
  "role.clerk": "台账员",
  "role.coordinator": "协调员",
  "role.assessor": "考评办",
  "role.admin": "管理员",
  "role.court": "法院联络员",
  "connect.court": "已连接：法院联络员（只读）。可查看全部单位中法院委派、委托，处于立案、审判、执行阶段及申请司法确认的案件及其结果，并生成法院案件表；不能上报或修改任何台账。",
  "tab.court": "法院案件",
  "tab.stats": "统计分析",
  "columns.intro": "表头在第 {row} 行。每一列对应哪个字段？识别有误可在下面改正，设置保存在本工作簿中，下次不再询问。",
  "columns.noHeader": "没有找到表头行：请确认当前工作表是调解台账（需要至少 3 个可识别的列名，如 案件编号、收案日期、申请人）。",
  "columns.none": "（无此列）",
  "columns.saved": "列映射已保存到本工作簿。",
  "columns.read": "读取表头",
  "validate.run": "校验当前工作表",
  "validate.reading": "正在读取 {done} / {total} 行…",
  "validate.summary": "{rows} 行案件：{errors} 个错误，{warnings} 个警告。",
  "validate.clean": "{rows} 行案件，没有发现问题。",
  "validate.byRow": "按行",
  "validate.byCode": "按问题类型",
  "validate.row": "第 {row} 行",
  "validate.mark": "标记问题单元格",
  "validate.clearMarks": "清除标记",
  "validate.marked": "已标记 {cells} 个单元格（不改动任何数值）。",
  "validate.cleared": "已清除本插件添加的 {count} 组标记。",
  "validate.more": "另有 {count} 条未显示",
  "validate.unit": "本表所属单位",
  "validate.unitAuto": "自动识别（按标题或工作表名；行内已填的单位不变）",
  "validate.unitUsed.picked": "未填承办单位的行按所选单位“{unit}”校验。",
  "validate.unitUsed.title": "未填承办单位的行按标题中的单位“{unit}”校验；如不对请在上方选择本表所属单位。",
  "validate.unitUsed.sheet": "未填承办单位的行按工作表名中的单位“{unit}”校验；如不对请在上方选择本表所属单位。",
  "validate.unitUsed.column": "",
  "validate.unitNone": "没有认出本表属于哪个单位：未填承办单位的行会报“必填”。请在上方选择本表所属单位。",
  "validate.all": "校验本工作簿全部台账",
  "validate.allDone": "已校验 {ledgers} 个台账工作表：{errors} 个错误，{warnings} 个警告。汇总见“{sheet}”工作表（问题最多的单位在最上面）。",
  "validate.allSkipped": "未按台账校验：{sheets}。",
  "validate.allNone": "本工作簿中没有找到台账工作表（需要可识别的表头，如 案件编号、收案日期、申请人）。",
  "tab.limits": "时限设置",
  "error.offline": "连不上服务器。请检查网络后重试。",
  "error.unauthorized": "令牌无效。请在“连接”页重新粘贴管理员发给您的令牌。",
  "error.token_revoked": "这个令牌已被停用。请向区调解中心索取新令牌，然后在“连接”页粘贴。",
  "error.forbidden": "您的账号无权进行此操作（例如台账员不能上报其他单位的案件）。",
  "error.not_found": "服务器上没有找到该内容（该功能可能尚未开通）。",
  "error.rejected": "服务器拒绝了这次请求：{detail}",
  "error.too_large": "数据太大，服务器拒收。请联系管理员。",
  "error.rate_limited": "请求过于频繁，请稍后再试。",
  "error.server": "服务器出错。请稍后重试；失败的部分没有写入任何数据。",
  "error.aborted": "已取消。",
  "error.sheetTooLarge": "工作表太大（{cells} 个单元格，超过 {max}）。请把台账拆分到多个工作表后再校验。",
  "error.excel": "Excel 操作失败：{detail}",
  "error.noExcel": "这里没有 Excel：请在 Excel 中通过“开始”选项卡的“台账校验”打开本插件。",
  "limits.line": "此 {host} 版本较旧：{list}。升级到新版本后即可全部使用。",
  "limits.sep": "，",
  "limits.workbook": "不能读写工作簿，本窗格只能连接服务器",
  "limits.marks": "不能在表中标出有问题的单元格（问题只列在窗格里）",
  "limits.mergedCells": "不能读取合并单元格（合并的标题行只按文字识别）",
  "limits.multiAreaSelection": "“选中行”只认按住 Ctrl 选的第一块区域",
  "limits.charts": "生成的报表不带图表",
  "limits.chartNumberFormat": "报表图表的坐标轴不带数字格式",
  "limits.pageNumbers": "报表打印时页脚没有页码",
  "severity.error": "错误",
  "severity.warning": "警告",
  "flag.high": "高",
  "flag.medium": "中",
  "flag.low": "低",
} as const;

/** The words of the first pages (Connect, Validate), the tabs and the errors: with the entry, in Chinese. */
export type FirstPageKey = keyof typeof ZH;
export type MessageKey = FirstPageKey | keyof typeof ZH_MORE;

/**
 * The words the pane has so far, per language. Only Chinese first-page words come with the entry; the English ones
 * (i18n-en.ts) are fetched before the first page when Office speaks English (startPane awaits loadLanguage), and the
 * other pages' words (i18n-more.ts, i18n-more-en.ts) with the first page that needs them (loadPageWords). A word not
 * here yet is said in Chinese when there is one, else by its key: never an exception in the middle of a page.
 */
const words: Record<Locale, Partial<Record<MessageKey, string>>> = { "zh-CN": { ...ZH }, en: {} };
const loads = new Map<string, Promise<void>>();

function load(name: string, locale: Locale, fetch: () => Promise<Partial<Record<MessageKey, string>>>): Promise<void> {
  let pending = loads.get(name);
  if (!pending) {
    pending = fetch().then(
      (table) => void Object.assign(words[locale], table),
      (e: unknown) => {
        // Not fetched (offline): the next page that needs them tries again.
        loads.delete(name);
        throw e;
      },
    );
    loads.set(name, pending);
  }
  return pending;
}

/** The first pages' words in this language (nothing to fetch for Chinese). */
export function loadLanguage(locale: Locale): Promise<void> {
  return locale === "en" ? load("en", "en", () => import("./i18n-en.ts").then((m) => m.EN)) : Promise.resolve();
}

/** The other pages' words in this language: awaited with each page module other than Connect and Validate. */
export function loadPageWords(locale: Locale): Promise<void> {
  return locale === "en"
    ? load("more-en", "en", () => import("./i18n-more-en.ts").then((m) => m.EN_MORE))
    : load("more", "zh-CN", () => import("./i18n-more.ts").then((m) => m.ZH_MORE));
}

export type Params = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template: string = words[locale][key] ?? words["zh-CN"][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
