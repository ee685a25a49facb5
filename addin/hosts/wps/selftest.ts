/**
 * The self-test page (selftest.html; the ribbon's 环境自检). Inside WPS 表格 it runs the self-test session
 * (selftest-session.ts: every call the WPS host makes, through the host, recorded by transcript.ts, on scratch sheets it
 * removes) and shows the transcript as JSON with a button to copy it; the WPS double replays that JSON as it is
 * (test/support/wps-double/replay.ts). `about` carries this browser's version and what it offers of what the pane
 * needs, which is how we learn the Chromium inside an office's WPS. Outside WPS it says where to open it and shows the
 * browser part only. In Chinese: the person running it is an office's clerk or IT, sending the record back to us.
 */
import { browserFeatures } from "./browser-check.ts";

// Asked before anything else runs, so the record shows this browser as it is, without the pane's stand-ins.
const features = browserFeatures();

const $ = (id: string) => document.getElementById(id)!;

function show(record: unknown): string {
  const json = JSON.stringify(record, null, 2);
  $("transcript").textContent = json;
  ($("copy") as HTMLButtonElement).disabled = false;
  return json;
}

async function copy(text: string): Promise<void> {
  const said = $("copied");
  try {
    await navigator.clipboard.writeText(text);
    said.textContent = "已复制，可粘贴到邮件或聊天中发送。";
    return;
  } catch {
    // WPS's pages may lack the asynchronous clipboard (plain-http origins): select the text and copy it the old way.
  }
  const range = document.createRange();
  range.selectNodeContents($("transcript"));
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  said.textContent = document.execCommand("copy") ? "已复制，可粘贴到邮件或聊天中发送。" : "无法自动复制：记录已选中，请按 Ctrl+C 复制。";
}

async function main(): Promise<void> {
  await import("./polyfills.ts");
  const [{ runSelfTest }, { wpsApplication }] = await Promise.all([import("./selftest-session.ts"), import("./wps-host.ts")]);
  const app = wpsApplication();
  const about: Record<string, string> = {
    page: location.pathname,
    userAgent: navigator.userAgent,
    features: JSON.stringify(features),
  };
  let text = "";
  $("copy").addEventListener("click", () => void copy(text));
  if (!app) {
    $("status").textContent = "未检测到 WPS 表格：请在 WPS 表格中点“调解台账”选项卡的“环境自检”按钮打开本页。下面只有本浏览器的信息。";
    text = show({ format: "tiaojie-wps-transcript", version: 1, about: { ...about, inWps: "no" }, seed: { sheets: [] }, entries: [] });
    return;
  }
  $("status").textContent = "正在自检，请稍候（不要切换工作表）…";
  const { transcript, steps } = await runSelfTest(app, about);
  const failed = steps.filter((s) => !s.ok);
  transcript.about = { ...transcript.about, steps: `${steps.length - failed.length}/${steps.length} ok`, ...(failed.length ? { failed: failed.map((s) => `${s.name}: ${s.error ?? ""}`).join("; ") } : {}) };
  $("status").textContent = failed.length === 0
    ? `自检完成：${steps.length} 项全部通过，临时工作表已删除。请点“复制自检记录”，把记录发给技术支持。`
    : `自检完成：${steps.length} 项中 ${failed.length} 项未通过（${failed.map((s) => s.name).join("、")}）。请点“复制自检记录”，把记录发给技术支持。`;
  $("status").className = failed.length === 0 ? "ok" : "failed";
  text = show(transcript);
  document.body.dataset.done = failed.length === 0 ? "ok" : "failed";
}

void main();
