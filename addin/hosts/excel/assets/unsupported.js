/*
 * The notice for an Excel that cannot run the pane. ES5 only (no let/const, arrows, template strings, classes):
 * Internet Explorer 11 (Trident) must parse it. Loaded as a plain deferred script from index.html, never inline
 * (the pane's Content-Security-Policy allows scripts from our origin only); its styles go through element.style,
 * which the policy does not govern.
 *
 * Why not <script nomodule>: Trident runs a nomodule script, but EdgeHTML (Edge 16-18, the webview of some retail
 * Office 2016/2019 and older Microsoft 365 builds) supports modules, so it would skip that script, and still cannot
 * run the pane (ES2022, web components). So this script runs everywhere and decides at the page's load event, when
 * the pane's module has run or failed: main.ts marks <html data-pane="started"> as soon as the bundle runs.
 * - marked: a working browser; nothing to do.
 * - not marked, and the browser has no modules (Trident) or is EdgeHTML: this Excel cannot run the pane; say so
 *   and name what to use instead.
 * - not marked in a browser that can run it: the pane's script did not load or start (a proxy, a broken deploy);
 *   say that instead, since upgrading Excel would not help.
 */
(function () {
  var NOTICE_ID = "tiaojie-unsupported";

  function paneStarted() {
    return document.documentElement.getAttribute("data-pane") === "started";
  }

  function oldEngine() {
    var ua = window.navigator.userAgent || "";
    var noModules = !("noModule" in document.createElement("script"));
    return noModules || ua.indexOf("Trident/") !== -1 || ua.indexOf("Edge/") !== -1;
  }

  /** Where the WPS add-in is served: wps/ beside this page (the Worker serves both). */
  function wpsAddress() {
    var here = window.location.href.split("#")[0].split("?")[0];
    return here.substring(0, here.lastIndexOf("/") + 1) + "wps/";
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.appendChild(document.createTextNode(text));
    for (var key in style) {
      if (Object.prototype.hasOwnProperty.call(style, key)) node.style[key] = style[key];
    }
    return node;
  }

  function show(lines) {
    if (document.getElementById(NOTICE_ID)) return;
    var box = el("div", "", { fontFamily: "'Microsoft YaHei', 'PingFang SC', sans-serif", fontSize: "14px", lineHeight: "1.6", padding: "12px", color: "#201F1E" });
    box.id = NOTICE_ID;
    box.setAttribute("role", "alert");
    box.appendChild(el("h1", lines.title, { fontSize: "16px", margin: "0 0 8px 0" }));
    for (var i = 0; i < lines.body.length; i++) box.appendChild(el("p", lines.body[i], { margin: "0 0 8px 0" }));
    if (lines.list.length > 0) {
      var list = el("ul", "", { margin: "0 0 8px 0", paddingLeft: "20px" });
      for (var j = 0; j < lines.list.length; j++) list.appendChild(el("li", lines.list[j], {}));
      box.appendChild(list);
    }
    box.appendChild(el("p", lines.english, { margin: "12px 0 0 0", color: "#605E5C", fontSize: "12px" }));
    var app = document.getElementById("app");
    if (app) {
      while (app.firstChild) app.removeChild(app.firstChild);
      app.appendChild(box);
    } else {
      document.body.appendChild(box);
    }
  }

  function cannotRun() {
    var wps = wpsAddress();
    return {
      title: "此版本的 Excel 不能运行调解台账任务窗格",
      body: [
        "这台电脑的 Excel 用旧的 Internet Explorer 或旧版 Edge 内核显示加载项，调解台账的任务窗格在其中无法运行。台账文件本身不受影响。",
        "可以改用："
      ],
      list: [
        "WPS 表格：安装调解台账 WPS 加载项（地址 " + wps + "，请单位信息管理员安装）；",
        "网页版调解台账（单位开通后，用新版浏览器打开）；",
        "命令行工具 tiaojie：在电脑上校验、上报台账（请信息管理员安装）；",
        "或让 Excel 换用新内核：Office 2016/2019 零售版安装 Microsoft Edge WebView2 运行时即可；批量许可版需升级到 Office 2021 或更新版本、Microsoft 365。"
      ],
      english: "This version of Excel cannot run the Tiaojie Ledger pane: it shows add-ins with Internet Explorer or old Edge. " +
        "Use the WPS add-in (" + wps + "), the web page, or the tiaojie command line instead; or install the Microsoft Edge " +
        "WebView2 Runtime (retail Office 2016/2019) or move to Office 2021 or later."
    };
  }

  function didNotStart() {
    return {
      title: "调解台账任务窗格没能启动",
      body: ["任务窗格的程序文件没有加载成功（可能被网络代理拦截，或服务器正在更新）。请关闭任务窗格再打开；仍不行，请把此情况告诉单位信息管理员。"],
      list: [],
      english: "The Tiaojie Ledger pane did not start: its script did not load (a proxy may block it, or the server is being updated). Close and reopen the pane; if it stays, tell your IT administrator."
    };
  }

  function check() {
    if (paneStarted()) return;
    show(oldEngine() ? cannotRun() : didNotStart());
  }

  // The load event comes after the pane's module script has run or failed; a page loaded already is checked now.
  if (document.readyState === "complete") check();
  else if (window.addEventListener) window.addEventListener("load", check, false);
  else if (window.attachEvent) window.attachEvent("onload", check);
})();
