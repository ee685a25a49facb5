/** How stored assignment lines look in API responses and push receipts (docs/API.md § Mentor assignments). */
import { z } from "@hono/zod-openapi";
import type { StoredAssignment } from "../db/assignments.ts";

const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
const TargetSchema = z.object({
  id: z.string().openapi({ description: "star: mediator id; case: unit/caseNo; visit: town name" }),
  name: z.string().openapi({ description: "star name, case number or town" }),
  unit: z.string().nullable(),
  caseNo: z.string().nullable(),
});

export const AssignmentViewSchema = z
  .object({
    period: z.string(),
    kind: z.enum(["case", "visit", "pairing"]),
    mentor: z.object({ id: z.number().int(), name: z.string(), unit: z.string().nullable() }),
    target: TargetSchema,
    slot: z.number().int(),
    cost: z.number().int(),
    terms: z.array(z.object({ name: z.string(), value: z.number() })),
    reason: BilingualSchema,
  })
  .openapi("MentorAssignment");

export const UnassignedViewSchema = z
  .object({ period: z.string(), kind: z.enum(["case", "visit", "pairing"]), target: TargetSchema, reason: BilingualSchema })
  .openapi("MentorUnassigned");

export type AssignmentView = z.infer<typeof AssignmentViewSchema>;
export type UnassignedView = z.infer<typeof UnassignedViewSchema>;

const targetOf = (l: StoredAssignment) => ({ id: l.targetId, name: l.targetName, unit: l.targetUnit, caseNo: l.caseNo });

export function assignmentView(period: string, l: StoredAssignment): AssignmentView {
  return {
    period, kind: l.kind, mentor: { id: l.mentorId!, name: l.mentorName!, unit: l.mentorUnit }, target: targetOf(l),
    slot: l.slot, cost: l.cost ?? 0, terms: l.terms, reason: l.reason,
  };
}

export function splitLines(period: string, lines: StoredAssignment[]): { assignments: AssignmentView[]; unassigned: UnassignedView[] } {
  return {
    assignments: lines.filter((l) => l.mentorId !== null).map((l) => assignmentView(period, l)),
    unassigned: lines.filter((l) => l.mentorId === null).map((l) => ({ period, kind: l.kind, target: targetOf(l), reason: l.reason })),
  };
}
