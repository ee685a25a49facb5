/**
 * The WPS pane's entry. WPS embeds a Chromium of a version it does not publish, so before any of the pane's code loads
 * this checks what the pane cannot do without (browser-check.ts): when something is missing, the clerk reads in plain
 * Chinese what to do instead of facing an empty pane. Otherwise the stand-ins for newer APIs go in first
 * (polyfills.ts), then the pane (pane-start.ts).
 */
import { chromiumVersion, missingForPane } from "./browser-check.ts";
import "./too-old.css";

function tooOld(missing: string[]): void {
  const root = document.getElementById("app")!;
  const version = chromiumVersion(navigator.userAgent);
  const say = (tag: string, text: string) => {
    const el = document.createElement(tag);
    el.textContent = text;
    root.appendChild(el);
  };
  root.textContent = "";
  root.className = "too-old";
  say("h1", "调解台账无法在这个版本的 WPS 中运行");
  say("p", `这台电脑的 WPS 内置浏览器${version ? `（Chromium ${version}）` : ""}缺少窗格需要的功能：${missing.join("、")}。`);
  say("p", "请把 WPS 升级到最新版本后重新打开窗格；也可以在 Microsoft 365 或 Office 2021 及以后的 Excel 中使用调解台账，或请单位技术人员使用命令行工具 tiaojie 校验和上报台账。");
  say("p", "点“调解台账”选项卡的“环境自检”可以生成一份记录，复制后发给技术支持。");
}

const missing = missingForPane();
if (missing.length > 0) tooOld(missing);
else void import("./polyfills.ts").then(() => import("./pane-start.ts"));
