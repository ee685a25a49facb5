/** Stored cases as the API shows them: the current version, its earlier versions, a page of cases. */
import { z } from "zod";
import { CaseRowSchema } from "../schema.ts";

export const CaseViewSchema = z.object({
  unit: z.string(),
  caseNo: z.string(),
  data: CaseRowSchema,
  contentHash: z.string(),
  version: z.number().int(),
  inLedger: z.boolean(),
  notInLedgerSince: z.string().nullable(),
  pushId: z.string().nullable(),
  updatedAt: z.string(),
  createdAt: z.string(),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const CasePageSchema = z.object({ cases: z.array(CaseViewSchema), next: z.string().nullable() });

export const CaseRevisionSchema = z.object({
  version: z.number().int(),
  data: CaseRowSchema,
  contentHash: z.string(),
  inLedger: z.boolean(),
  deleted: z.boolean(),
  pushId: z.string().nullable(),
  writtenBy: z.number().int().nullable(),
  writtenAt: z.string(),
  supersededAt: z.string(),
  supersededByPush: z.string().nullable(),
  reason: z.enum(["push", "delete", "transfer"]),
});

export const CaseRevisionsSchema = z.object({ revisions: z.array(CaseRevisionSchema) });

export const DeletedCaseSchema = z.object({ unit: z.string(), caseNo: z.string(), version: z.number().int(), deletedAt: z.string() });
