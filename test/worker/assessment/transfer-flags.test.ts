import { describe, expect, it } from "vitest";
import { transferFlags, transferReceiptDays } from "../../../worker/assessment/flags/transfer-rules.ts";

const t = (transferredAt: string, receivedAt: string | null = null) => ({ caseNo: "ZX-1", from: "区调解中心", lead: "涂岭镇", transferredAt, receivedAt });

describe("transfer_not_received", () => {
  it("waits the whole limit: transferred on the 24th with 3 days, flagged from the 28th", () => {
    const sent = t("2026-11-24T02:00:00.000Z");
    expect(transferFlags([sent], "2026-11-27", 3)).toEqual([]);
    const [flag] = transferFlags([sent], "2026-11-28", 3);
    expect(flag).toMatchObject({ code: "transfer_not_received", unit: "涂岭镇", caseNo: "ZX-1", facts: { transferredOn: "2026-11-24", daysWaiting: 4, limitDays: 3 } });
    expect(flag.message.zh).toBe("转交案件未签收：区调解中心于 2026-11-24 转交涂岭镇，已 4 天未签收（时限 3 天），请督促涂岭镇签收");
  });

  it("counts days in China time: 20:00 UTC on the 23rd is the 24th in the offices", () => {
    expect(transferFlags([t("2026-11-23T20:00:00.000Z")], "2026-11-27", 3)).toEqual([]);
    expect(transferFlags([t("2026-11-23T15:00:00.000Z")], "2026-11-27", 3)).toHaveLength(1);
  });

  it("says nothing once received, but an asOf before the receipt still sees the wait", () => {
    const received = t("2026-11-01T02:00:00.000Z", "2026-11-20T02:00:00.000Z");
    expect(transferFlags([received], "2026-11-27", 3)).toEqual([]);
    expect(transferFlags([received], "2026-11-10", 3)).toHaveLength(1);
    expect(transferFlags([received], "2026-10-30", 3)).toEqual([]);
  });

  it("takes the configured limit when it is a whole number of days, else 3", () => {
    expect([transferReceiptDays("5"), transferReceiptDays(undefined), transferReceiptDays("0"), transferReceiptDays("2.5"), transferReceiptDays("x")]).toEqual([5, 3, 3, 3, 3]);
  });
});
