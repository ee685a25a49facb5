/**
 * The files that make the WPS add-in (WPS 加载项) besides its pages, all rendered from one setting: the origin that
 * serves it (the Worker; TIAOJIE_ADDIN_URL, as for the Excel manifest). WPS fetches `<url>/ribbon.xml` and
 * `<url>/manifest.xml` each time 表格 starts, loads `<url>/index.html` (the hidden page whose script holds the ribbon
 * callbacks), and opens the pane as a task pane when the button is clicked.
 *
 * - publish.xml: what one desktop puts in its `jsaddons` folder (%APPDATA%\kingsoft\wps\jsaddons on Windows,
 *   ~/.local/share/Kingsoft/wps/jsaddons on Linux), in the form WPS itself writes when an add-in is installed.
 * - jsplugins.xml: what an office's WPS reads from the address oem.ini names (`JSPluginsServer=`).
 * Both name the add-in once, for 表格 only (`type="et"`): the pane has nothing to do in 文字 or 演示.
 */
import { WPS_PATH } from "./csp.ts";

/** The add-in's name in publish.xml / jsplugins.xml and the JsPlugin manifest: ASCII, as WPS keys its records by it. */
export const WPS_ADDIN_NAME = "TiaojieLedger";

/** The ribbon's control ids; the callbacks in ribbon.ts switch on them. */
export const RIBBON_IDS = { tab: "TiaojieTab", group: "TiaojieGroup", openPane: "TiaojieOpenPane", selfTest: "TiaojieSelfTest" } as const;

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The add-in's folder URL, with the trailing slash WPS needs to resolve ribbon.xml, index.html and the icons. */
export function wpsAddinUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${WPS_PATH}`;
}

/**
 * The custom ribbon: a 调解台账 tab with two large buttons. No XML declaration: WPS's publish page refuses a
 * ribbon.xml that starts with one. The callbacks are global functions of index.html's script (ribbon.ts).
 */
export function renderRibbonXml(): string {
  const b = (id: string, label: string, tip: string) =>
    `        <button id="${id}" label="${escapeXml(label)}" screentip="${escapeXml(label)}" supertip="${escapeXml(tip)}" size="large" onAction="OnAction" getImage="GetImage"/>`;
  return `<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" onLoad="OnAddinLoad">
  <ribbon startFromScratch="false">
    <tabs>
      <tab id="${RIBBON_IDS.tab}" label="调解台账">
        <group id="${RIBBON_IDS.group}" label="调解台账">
${b(RIBBON_IDS.openPane, "台账窗格", "打开或收起调解台账任务窗格：校验、上报、预警、分流与考评。")}
${b(RIBBON_IDS.selfTest, "环境自检", "在本机 WPS 表格上试一遍插件要用的每个接口，生成一份记录，复制后发给技术支持。")}
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
`;
}

/** The JsPlugin manifest WPS fetches beside ribbon.xml (the form the wpsjs tool writes). */
export function renderAddinManifest(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<JsPlugin>
  <ApiVersion>1.0.0</ApiVersion>
  <Name>${WPS_ADDIN_NAME}</Name>
  <Description>调解台账：校验行政争议调解台账，上报案件，接收预警与导师安排。</Description>
</JsPlugin>
`;
}

/** One online add-in record. `enable="enable_dev" install="null"` is what WPS writes for an add-in installed by publish. */
function record(baseUrl: string, installed: boolean): string {
  const extra = installed ? ` enable="enable_dev" install="null"` : "";
  return `  <jspluginonline name="${WPS_ADDIN_NAME}" type="et" url="${escapeXml(wpsAddinUrl(baseUrl))}"${extra}/>`;
}

/** publish.xml for one desktop's jsaddons folder. */
export function renderPublishXml(baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- 调解台账 WPS 加载项。放入本机 WPS 的 jsaddons 文件夹（已有 publish.xml 时，把下面这一行加进 <jsplugins> 里），重启 WPS 表格。 -->
<jsplugins>
${record(baseUrl, true)}
</jsplugins>
`;
}

/** jsplugins.xml for an office: oem.ini's JSPluginsServer names this file's address. */
export function renderJsPluginsXml(baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- 调解台账 WPS 加载项，供整个单位使用：在各台电脑 WPS 的 oem.ini 中设 [Support] JsApiPlugin=true 与 [Server] JSPluginsServer=本文件地址。 -->
<jsplugins>
${record(baseUrl, false)}
</jsplugins>
`;
}

/**
 * The hidden page WPS opens when 表格 starts: it only loads the ribbon callbacks, as a classic script so they are
 * plain globals ready before WPS parses ribbon.xml.
 */
export function renderEntryHtml(script: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>调解台账 WPS 加载项</title>
    <script src="./${script}"></script>
  </head>
  <body></body>
</html>
`;
}
