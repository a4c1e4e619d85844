import { afterAll, describe, expect, it, vi } from "vitest";

import type { ContractActionResult, ContractPageData } from "../../../app/components/contract/contract-view";
import { getContract } from "../../../app/models/contracts.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { action, loader } from "../../../app/routes/app.contracts.$id";
import { loader as listLoader } from "../../../app/routes/app.contracts._index";
import { loader as dashboardLoader } from "../../../app/routes/app._index";
import { seedContract } from "../models/contract-fixture";
import { createTestDatabase } from "../test-database";
import { testBuyerMail } from "../../support/buyer-mail";

const database = await createTestDatabase();
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());
const SHOP = "contract-page.myshopify.com";
/** What the shop query answers (is the shop on Plus); null: no Shopify call is expected. */
let shopifyPlus: boolean | null = null;

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({
    shop: SHOP,
    actor: "staff:9",
    deps: {
      db: database.prisma,
      jobs,
      adminFor: async () => {
        if (shopifyPlus === null) throw new Error("no Shopify call is expected here");
        return { request: async () => ({ shop: { plan: { shopifyPlus } } }) } as never;
      },
      now: () => new Date("2027-01-15T10:00:00Z"),
      buyerMail: testBuyerMail(),
    },
    localMode: true,
    cors: (response) => response,
  }),
}));

const args = (id: string, init?: RequestInit) => ({ request: new Request(`https://app.test/app/contracts/${id}`, init), params: { id }, context: {} });
const post = (id: string, fields: Record<string, string>) => args(id, { method: "POST", body: new URLSearchParams(fields) });

describe("the contract page", () => {
  it("shows the schedule with each stage's status and when it is due, and a timeline", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/501");
    const data = (await (await loader(args(contract.id))).json()) as ContractPageData;
    expect(data.stages.map((stage) => [stage.position, stage.status, stage.badge, stage.due])).toEqual([
      [1, "scheduled", "scheduled", { date: null, words: "At checkout" }],
      [2, "scheduled", "scheduled", { date: null, words: "When “Ready to ship” is marked" }],
      [3, "scheduled", "scheduled", { date: null, words: "30 days after the order is fulfilled" }],
    ]);
    expect(data.contract.milestones).toEqual([{ name: "Ready to ship", stages: [{ position: 2, title: expect.any(String), amount: "600.00" }] }]);
    expect(data.stages.every((stage) => !stage.can.resendLink)).toBe(true);
    expect(data.timeline.map((entry) => entry.text)).toContain("Plan attached: 3 stages, each paid through its own order");
  });

  it.each([
    [false, /payment pending for its full total .* until the last stage is paid/],
    [true, /as each is paid Tranche records it on the main order/],
  ])("says what Shopify shows on the main order of a stage-order contract (Plus: %s)", async (plus, text) => {
    shopifyPlus = plus;
    try {
      const contract = await seedContract(database.prisma, SHOP, `gid://shopify/DraftOrder/51${plus ? 1 : 0}`);
      const data = (await (await loader(args(contract.id))).json()) as ContractPageData;
      expect(data.contract.shopifyShows).toMatch(text);
      expect(data.contract.shopifyShows).not.toMatch(/mirrored/);
    } finally {
      shopifyPlus = null;
    }
  });

  it("answers 404 for a contract of another shop or none", async () => {
    const foreign = await seedContract(database.prisma, "someone-else.myshopify.com", "gid://shopify/DraftOrder/500");
    await expect(loader(args(foreign.id))).rejects.toMatchObject({ status: 404 });
    await expect(loader(args("c-unknown"))).rejects.toMatchObject({ status: 404 });
  });

  it("shows a refused action's reason in place and changes nothing", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/502");
    const refused = await action(post(contract.id, { intent: "resendLink", position: "2" }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ ok: false, intent: "resendLink", message: "Stage 2 has no payment link yet.", fieldErrors: {} });
    const unknownStage = await action(post(contract.id, { intent: "offlinePayment", position: "x" }));
    expect(((await unknownStage.json()) as ContractActionResult).message).toMatch(/^This stage is no longer on the contract/);
  });

  it("answers a payment form's mistakes at their fields, in words and in the shop's money", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/504");
    const typed = { intent: "offlinePayment", position: "2", method: "", amount: "12 euros", receivedOn: "", reference: "x".repeat(101) };
    const refused = await action(post(contract.id, typed));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      ok: false,
      intent: "offlinePayment",
      message: "4 fields need a fix.",
      fieldErrors: {
        method: "Choose how the buyer paid.",
        amount: "“12 euros” is not an amount: type digits, like 12,000.00.",
        receivedOn: "Enter the day the money arrived.",
        reference: "Keep the reference under 100 characters.",
      },
    });
    // Typed the shop's way, with grouping: read, and refused only because stage 2 owes less.
    const tooMuch = await action(post(contract.id, { ...typed, method: "Wire transfer", amount: "12,000.00", receivedOn: "2027-01-15", reference: "" }));
    expect(((await tooMuch.json()) as ContractActionResult & { ok: false }).fieldErrors).toEqual({ amount: "Stage 2 still owes €600.00: enter at most that." });
    const future = await action(post(contract.id, { ...typed, method: "Wire transfer", amount: "600.00", receivedOn: "2027-01-16", reference: "" }));
    expect(((await future.json()) as ContractActionResult & { ok: false }).fieldErrors).toEqual({
      receivedOn: "The payment cannot have arrived after today (Jan 15, 2027).",
    });
    expect((await getContract(database.prisma, SHOP, contract.id))?.stages[1]?.paidMinor).toBe(0n);
  });

  it("marks a milestone and cancels, then lists and counts the contract by its status", async () => {
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/503");
    expect((await action(post(contract.id, { intent: "milestone", milestone: "Ready to ship" }))).status).toBe(200);
    const unsettled = await action(post(contract.id, { intent: "cancel", reason: "customer withdrew" }));
    expect(unsettled.status).toBe(422);
    expect(((await unsettled.json()) as ContractActionResult & { ok: false }).fieldErrors).toEqual({ settlement: "Choose what happens to the money paid." });
    expect((await action(post(contract.id, { intent: "cancel", reason: "customer withdrew", settlement: "close" }))).status).toBe(200);
    expect((await getContract(database.prisma, SHOP, contract.id))?.status).toBe("cancelled");

    const list = (await (await listLoader({ request: new Request("https://app.test/app/contracts?status=cancelled"), params: {}, context: {} })).json()) as {
      rows: { id: string }[];
    };
    expect(list.rows.map((row) => row.id)).toEqual([contract.id]);
    const dashboard = (await (await dashboardLoader({ request: new Request("https://app.test/app"), params: {}, context: {} })).json()) as {
      byStatus: Record<string, number>;
    };
    expect(dashboard.byStatus.cancelled).toBe(1);
  });
});
