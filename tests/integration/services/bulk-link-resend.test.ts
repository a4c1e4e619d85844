import { describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { describeBulkResend } from "../../../app/locale/bulk-resend-words";
import { listAudit } from "../../../app/models/audit-log.server";
import { getContract, type StoredContract } from "../../../app/models/contracts.server";
import { createPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { resendLinksInBulk } from "../../../app/services/collection/bulk-link-resend.server";
import { useEmulatorServices } from "../../support/emulator-services";

/** "Resend payment links" on several contracts of the list at once, against the emulated Shopify. */

const STAFF = "staff:bulk-test" as const;
const { shop, database, emulator, deps, createQuote, sync, payDraftInvoice } = useEmulatorServices({
  offlineSessions: true,
  // Shopify's invoice emails carry the links here: the emulator's outbox shows each one sent.
  linkEmailsBy: "shopify",
  syncHolder: "bulk-test",
});

async function attachedContract(): Promise<StoredContract> {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
  const plan = await createPlan(database.prisma, shop.domain, { name: `Deposit ${Math.random()}`, config: preset.config, actor: STAFF });
  return attachPlan(deps(), shop.domain, { draftOrderId: await createQuote(), planId: plan.id, actor: STAFF });
}

describe("resending the payment links of several contracts", () => {
  it("sends each open stage's link, reports a contract with none, and goes on past one whose sending fails", async () => {
    const open = await attachedContract();
    const anotherOpen = await attachedContract();

    // Its deposit paid: the next stage waits for a milestone and has no link yet.
    const paid = await attachedContract();
    await payDraftInvoice(paid.stages[0]!.stageDraftOrderId!);
    await sync(paid.id);
    expect((await getContract(database.prisma, shop.domain, paid.id))!.stages.map((stage) => stage.status)).toEqual(["paid", "scheduled", "scheduled"]);

    // Its link's draft order is gone from Shopify: sending it fails.
    const broken = await attachedContract();
    await database.prisma.stage.update({ where: { id: broken.stages[0]!.id }, data: { stageDraftOrderId: "gid://shopify/DraftOrder/999999" } });

    const before = emulator.store.outbox.length;
    const outcomes = await resendLinksInBulk(deps(), shop.domain, [open.id, paid.id, broken.id, anotherOpen.id], STAFF);

    expect(outcomes.map(({ contractId, sent, failed }) => ({ contractId, sent, failed: failed.map((failure) => failure.position) }))).toEqual([
      { contractId: open.id, sent: [1], failed: [] },
      { contractId: paid.id, sent: [], failed: [] },
      { contractId: broken.id, sent: [], failed: [1] },
      { contractId: anotherOpen.id, sent: [1], failed: [] },
    ]);
    const sent = emulator.store.outbox.slice(before);
    expect(sent.map((message) => message.resourceId).sort()).toEqual([open.stages[0]!.stageDraftOrderId, anotherOpen.stages[0]!.stageDraftOrderId].sort());
    const audit = await listAudit(database.prisma, shop.domain, { contractId: open.id });
    expect(audit.some((entry) => entry.action === "stage.linkEmailed" && entry.details.resent === true)).toBe(true);

    const brokenName = outcomes[2]!.name;
    expect(describeBulkResend(outcomes, "en-US")).toEqual({
      tone: "warning",
      message: `Links resent for 2 contracts; 1 had no open stage to send; sending failed for ${brokenName}: open it to try again.`,
    });
  });

  it("says so when none of the contracts has a link to send", async () => {
    const paidOff = await attachedContract();
    await database.prisma.contract.update({ where: { id: paidOff.id }, data: { status: "cancelled" } });
    const outcomes = await resendLinksInBulk(deps(), shop.domain, [paidOff.id], STAFF);
    expect(outcomes).toEqual([{ contractId: paidOff.id, name: outcomes[0]!.name, sent: [], failed: [] }]);
    expect(describeBulkResend(outcomes, "en-US")).toEqual({ tone: "warning", message: "No links resent: the contract has no open stage to send." });
  });
});
