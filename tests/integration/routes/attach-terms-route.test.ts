import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { listAudit } from "../../../app/models/audit-log.server";
import { saveCustomerTerms } from "../../../app/models/customer-terms.server";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { action, loader } from "../../../app/routes/app.attach";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import type { StaffContext } from "../../../app/staff-context.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { ShopFixture } from "../../../emulator/state/seed";
import { staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import { testBuyerMail } from "../../support/buyer-mail";
import { createTestDatabase, type TestDatabase } from "../test-database";

/** The admin's attach page with customer terms: the terms, exposure and limit before staff confirm; the refusal and override. */

const STAFF = "staff:attach-terms" as const;
const shop = readShopsFixture(DEMO_FIXTURE_FILE).find((candidate) => candidate.plan === "basic") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;
let plan: StoredPlan;

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async (domain) => createAdminClient({ shop: domain, accessToken: shop.accessToken as string }, { apiUrl: emulator.adminUrl() }),
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(),
  };
}

vi.mock("../../../app/staff-context.server", () => ({
  requireStaff: async (): Promise<StaffContext> => ({ shop: shop.domain, actor: STAFF, deps: deps(), localMode: false, cors: (response) => response }),
}));

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops: [shop] });
  await database.prisma.session.create({
    data: { id: `offline_${shop.domain}`, shop: shop.domain, state: "", isOnline: false, accessToken: shop.accessToken as string },
  });
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-balance-before-shipping")!;
  plan = await createPlan(database.prisma, shop.domain, { name: "Deposit and balance", config: preset.config, actor: STAFF });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

const state = () => emulator.store.shops.get(shop.domain)!;
const at = (path: string, init?: RequestInit) => ({ request: new Request(`https://app.test${path}`, init), params: {}, context: {} });
const post = (fields: Record<string, string>) => at("/app/attach", { method: "POST", body: new URLSearchParams(fields) });

describe("the attach page for a customer over their credit limit", () => {
  it("shows the terms and the refusal before staff confirm, asks for a reason, and attaches with one", async () => {
    const customer = state().customers[0]!;
    await saveCustomerTerms(database.prisma, shop.domain, {
      subject: { kind: "customer", customerId: customer.id },
      subjectName: null,
      fields: { defaultPlanId: null, depositPercent: "10", netDays: null, paymentDays: [5, 20], creditLimit: { minor: 100_000n, currency: "USD" } },
      actor: STAFF,
    });
    const variant = state()
      .products.flatMap((product) => product.variants)
      .find((candidate) => candidate.requiresShipping)!;
    const created = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } } }>(
      emulator.adminUrl(),
      shop.accessToken as string,
      "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
      { input: { customerId: customer.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 1 }] } },
    );
    const draftOrderId = created.draftOrderCreate.draftOrder.id;

    const page = await (await loader(at(`/app/attach?draftOrderId=${encodeURIComponent(draftOrderId)}&planId=${plan.id}`))).json();
    expect(page.problem).toBeNull();
    expect(page.options!.terms).toMatchObject({
      depositPercent: { value: "10" },
      paymentDays: { value: [5, 20], from: expect.stringMatching(/'s terms \(customer\)$/) },
      creditLimit: { amount: "1000.00", currency: "USD" },
      exposure: [],
      credit: {
        kind: "over",
        summary: expect.stringMatching(/^Credit limit reached: .+ owes nothing yet; this order adds \$[\d,.]+; the limit is \$1,000\.00 \(\$[\d,.]+ over\)\.$/),
      },
    });
    expect(page.preview!.termsApplied).toMatch(
      /^Negotiated terms applied: a 10% deposit \(.+'s terms \(customer\)\); payment on the next 5th or 20th \(.+'s terms \(customer\)\)\.$/,
    );
    expect(page.preview!.credit.kind).toBe("over");
    expect(page.standing).toMatchObject({ view: { kind: "noHistory" }, url: expect.stringMatching(/^\/app\/customers\/\d+$/) });

    const refused = await action(post({ draftOrderId, planId: plan.id }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ problem: page.options!.terms.credit.summary, fieldErrors: {} });

    const blank = await action(post({ draftOrderId, planId: plan.id, overrideReason: "   " }));
    expect(await blank.json()).toEqual({
      problem: null,
      fieldErrors: { overrideReason: "Say why the credit limit is overridden: the reason is kept in the audit log with the figures" },
    });

    const attached = await action(post({ draftOrderId, planId: plan.id, overrideReason: "Director approved the order" }));
    expect(attached.status).toBe(302);
    const contractId = attached.headers.get("Location")!.split("/").at(-1)!;
    const audit = await listAudit(database.prisma, shop.domain, { contractId });
    expect(audit.find((entry) => entry.action === "contract.creditLimitOverridden")?.details).toMatchObject({
      reason: "Director approved the order",
      limitMinor: "100000",
    });
  });
});
