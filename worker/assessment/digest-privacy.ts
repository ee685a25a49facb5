/**
 * What of a person the joint-meeting digest carries, for every reader: it is read aloud and handed round at the
 * 府院联席会议, so each person is surname + 某 and its free text (承诺事项) has the row's names and every ID, credit-code
 * and phone number masked (ledger/masking.ts); agencies stay as written. For the court liaison, a repeat dispute whose
 * earlier case was no court case keeps its own line but not the earlier case (`previous: null`, 前案非法院案件): the
 * court sees its cases, not the units' others. Applied to the sections as digest.ts computes them, so that however
 * the sections are found, what leaves is decided here.
 */
import type { Digest } from "../../ledger/api/digest.ts";
import { maskFreeText, maskName } from "../../ledger/masking.ts";
import type { DigestCase } from "./digest.ts";

const keyOf = (c: { unit: string; caseNo: string }) => `${c.unit}\u0000${c.caseNo}`;

export function digestForReader(d: Digest, cases: readonly DigestCase[]): Digest {
  const byKey = new Map<string, DigestCase>();
  for (const c of cases) byKey.set(keyOf(c), c);
  const namesOf = (x: { unit: string; caseNo: string }) => {
    const c = byKey.get(keyOf(x));
    return c ? [c.applicant, c.mediator, c.respondent] : [];
  };
  const withRespondent = <T extends { respondent: string }>(x: T): T => ({ ...x, respondent: maskName(x.respondent) });
  return {
    ...d,
    confirmation: { ...d.confirmation, closing: d.confirmation.closing.map(withRespondent) },
    overdue: { ...d.overdue, cases: d.overdue.cases.map(withRespondent) },
    commitments: {
      ...d.commitments,
      overdueCases: d.commitments.overdueCases.map((x) => ({ ...withRespondent(x), commitment: maskFreeText(x.commitment, namesOf(x)) })),
    },
    repeats: {
      ...d.repeats,
      cases: d.repeats.cases.map((x) => ({
        ...withRespondent(x),
        applicant: maskName(x.applicant),
        previous: d.caseLists === "court" && x.previous?.courtCase !== true ? null : x.previous,
      })),
    },
    respondents: { ...d.respondents, top: d.respondents.top.map(withRespondent) },
  };
}
