import { afterAll, describe, expect, it } from "vitest";

import { sendDueReminders } from "../../../app/services/collection/stage-reminders.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
afterAll(() => database.cleanup());
const { prisma: db } = database;
const now = new Date("2027-06-15T10:00:00Z");
const deps: ServiceDeps = {
  db,
  jobs: await database.openJobQueue({ supervise: false }),
  adminFor: () => {
    throw new Error("no Shopify call is expected here");
  },
  now: () => now,
  buyerMail: testBuyerMail(),
};

/** An overdue stage due on `dueDate` whose link has no carrier: a reminder for it is attempted and fails on the timeline. */
async function overdueStage(shop: string, dueDate: string): Promise<string> {
  const contract = await seedContract(db, shop, `gid://shopify/DraftOrder/${shop}`);
  await db.contract.update({ where: { id: contract.id }, data: { status: "active" } });
  await db.stage.update({ where: { id: contract.stages[0]!.id }, data: { status: "overdue", dueDate } });
  return contract.id;
}

const attempts = (contractId: string) => db.auditLog.count({ where: { contractId, action: "stage.reminderFailed" } });

describe("the reminder sweep's window", () => {
  it("looks at stages due within the reminder days (and the catch-up), not at every open stage", async () => {
    // The default reminder days are 3 before and 1 and 7 after; the catch-up is 30 days.
    const lately = await overdueStage("window-recent.myshopify.com", "2027-06-10");
    const longAgo = await overdueStage("window-old.myshopify.com", "2027-04-01");
    await sendDueReminders(deps);
    expect(await attempts(lately)).toBe(1);
    expect(await attempts(longAgo)).toBe(0);
  });

  it("widens to the longest reminder day a shop chose", async () => {
    const shop = "window-patient.myshopify.com";
    await db.shopSettings.create({ data: { shop, remindAfterDays: "[90]" } });
    // 90 days after 2027-03-10 is 2027-06-08: that reminder is due, and far outside the default window.
    const longAgo = await overdueStage(shop, "2027-03-10");
    await sendDueReminders(deps);
    expect(await attempts(longAgo)).toBe(1);
  });
});
