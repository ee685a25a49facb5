/**
 * What `tiaojie push` says about the stored cases a whole-ledger push did not carry (the receipt's `marking`,
 * docs/API.md § Whole ledger), in words: what was marked and that it still counts, why nothing was, or the question
 * to ask before marking more than a fifth of the unit's live cases. The pane says the same (addin/pane/i18n.ts push.*).
 */
import type { PushSummary } from "../../ledger/api/push-engine.ts";
import { missingPercent, type Marking } from "../../ledger/api/push.ts";

/** "SY-001、SY-002 等" / "SY-001, SY-002, …": the examples the receipt named. */
function examples(m: Marking, en: boolean): string {
  if (m.examples.length === 0) return "";
  const more = m.examples.length < m.missing;
  return en ? ` (${m.examples.join(", ")}${more ? ", …" : ""})` : `（${m.examples.join("、")}${more ? " 等" : ""}）`;
}

/** The question asked before marking, with the numbers the clerk confirms. */
export function confirmQuestion(m: Marking, en: boolean): string {
  return en
    ? `This ledger lacks ${m.missing} cases already pushed${examples(m, en)}, ${missingPercent(m)}% of the unit's ${m.liveCases}. Confirm they are no longer in the ledger?`
    : `本次上报的台账缺少 ${m.missing} 件已上报的案件${examples(m, en)}（占本单位 ${m.liveCases} 件的 ${missingPercent(m)}%），确认这些案件已不在台账中？`;
}

/** Lines to print after a push: what was marked or why nothing was, and the cases that came back. */
export function markingLines(s: Pick<PushSummary, "marking" | "notInLedger" | "restored">, en: boolean): string[] {
  const lines: string[] = [];
  const m = s.marking;
  if (m?.outcome === "marked" && m.marked > 0) {
    lines.push(en
      ? `Marked ${m.marked} stored cases "not in ledger" (kept, still counted in rankings and subsidies; a later push that holds them brings them back): ${s.notInLedger.join(", ")}`
      : `已将 ${m.marked} 件已上报的案件标记为“不在台账中”（未删除，仍计入考评和补贴；以后上报的台账再含这些案件即自动恢复）：${s.notInLedger.join("、")}`);
  } else if (m?.outcome === "rows_rejected") {
    lines.push(en
      ? `Rows were rejected, so no stored case was marked "not in ledger" (${m.missing} are missing from this ledger). Fix the rows and push the whole ledger again.`
      : `本次有行被退回，未把任何已上报的案件标记为“不在台账中”（本次台账缺少 ${m.missing} 件）。改正后请重新上报整本台账。`);
  } else if (m?.outcome === "no_stored_case") {
    lines.push(en
      ? `This ledger holds none of the unit's ${m.liveCases} stored cases — is it the right file? No case was marked "not in ledger".`
      : `本次台账不含本单位已上报的 ${m.liveCases} 件案件中的任何一件，请确认文件是否选对；未标记任何案件为“不在台账中”。`);
  } else if (m?.outcome === "needs_confirmation") {
    lines.push(en
      ? `Nothing was marked "not in ledger": ${m.missing} stored cases (${missingPercent(m)}%) are missing from this ledger, more than a fifth.`
      : `未标记任何案件：本次台账缺少 ${m.missing} 件已上报的案件（占 ${missingPercent(m)}%），超过五分之一。`);
  }
  if (s.restored > 0) {
    lines.push(en
      ? `${s.restored} cases marked "not in ledger" before are in this ledger again and back in it.`
      : `${s.restored} 件此前标记为“不在台账中”的案件再次出现在台账中，已恢复。`);
  }
  return lines;
}
