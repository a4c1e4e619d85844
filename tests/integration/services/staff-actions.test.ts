import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { listAudit } from "../../../app/models/audit-log.server";
import { ContractExistsError, getContract, type StoredContract } from "../../../app/models/contracts.server";
import { listLedgerEntries } from "../../../app/models/ledger.server";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { saveShopSettings, SettingNotAllowedError } from "../../../app/models/shop-settings.server";
import { attachOptions, attachPreviewView } from "../../../app/services/attach/attach-flow.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import {
  ContractActionError,
  recordOfflinePayment,
  resendStageLink,
  retryFailedCharge,
  type OfflinePaymentInput,
} from "../../../app/services/collection/contract-actions.server";
import { addDays, calendarDateAt } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { formatMinorUnits } from "../../../app/domain/money/minor-units";
import { markMilestone } from "../../../app/services/collection/contract-events.server";
import { syncContract } from "../../../app/services/collection/contract-sync.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { sendDueReminders } from "../../../app/services/collection/stage-reminders.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { ShopFixture } from "../../../emulator/state/seed";
import { createTestDatabase, type TestDatabase } from "../test-database";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { testBuyerMail } from "../../support/buyer-mail";

/** What staff do from the admin beyond attaching: the attach flow's options and preview, offline payments, resending, retries, reminders, settings. */

const STAFF = "staff:actions-test" as const;
const DAY_MS = 86_400_000;
const shops = readShopsFixture(DEMO_FIXTURE_FILE);
const basic = shops.find((shop) => shop.plan === "basic") as ShopFixture;
const plus = shops.find((shop) => shop.plan === "plus") as ShopFixture;

let database: TestDatabase;
let jobs: JobQueue;
let emulator: RunningEmulator;

function deps(): ServiceDeps {
  return {
    db: database.prisma,
    jobs,
    adminFor: async (domain) => {
      const shop = shops.find((candidate) => candidate.domain === domain) as ShopFixture;
      return createAdminClient({ shop: domain, accessToken: shop.accessToken as string }, { apiUrl: emulator.adminUrl() });
    },
    now: () => emulator.store.clock.now(),
    buyerMail: testBuyerMail(),
  };
}

async function createQuote(fixture: ShopFixture = basic): Promise<string> {
  const state = emulator.store.shops.get(fixture.domain)!;
  const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping)!;
  const data = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } } }>(
    emulator.adminUrl(),
    fixture.accessToken as string,
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { message } } }",
    { input: { customerId: state.customers[1]!.id, useCustomerDefaultAddress: true, lineItems: [{ variantId: variant.id, quantity: 1 }] } },
  );
  return data.draftOrderCreate.draftOrder.id;
}

async function presetPlan(presetId: string, shop = basic.domain): Promise<StoredPlan> {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === presetId)!;
  return createPlan(database.prisma, shop, { name: `${presetId} ${Math.random()}`, config: preset.config, actor: STAFF });
}

async function sync(contractId: string, shop = basic.domain): Promise<StoredContract> {
  await syncContract(deps(), shop, contractId, { holder: "actions-test", actor: "system" });
  return (await getContract(database.prisma, shop, contractId))!;
}

function draftExists(id: string, shop = basic.domain): boolean {
  return emulator.store.shops.get(shop)!.draftOrders.some((draft) => draft.id === id);
}

async function payNewestLink(draftOrderId: string): Promise<void> {
  const email = emulator.store.outbox.filter((candidate) => candidate.resourceId === draftOrderId).at(-1);
  if (!email?.url) throw new Error(`no link was emailed for ${draftOrderId}`);
  const response = await payEmailedLink(emulator.url, email.url, { card: "approve" });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await database.openJobQueue({ supervise: false });
  emulator = await startEmulator({ shops });
  for (const fixture of [basic, plus]) {
    await database.prisma.session.create({
      data: { id: `offline_${fixture.domain}`, shop: fixture.domain, state: "", isOnline: false, accessToken: fixture.accessToken as string },
    });
    // These tests follow the links in Shopify's own invoice emails (the app's are tested in buyer-email tests).
    await database.prisma.shopSettings.create({ data: { shop: fixture.domain, linkEmailsBy: "shopify" } });
  }
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await database?.cleanup();
});

describe("the attach flow", () => {
  it("attaches once and emails one invoice when 20 requests attach the same plan to one draft at once", async () => {
    const plan = await presetPlan("deposit-30-50-20-net30");
    const quote = await createQuote();
    const emailsBefore = emulator.store.outbox.length;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => attachPlan(deps(), basic.domain, { draftOrderId: quote, planId: plan.id, actor: STAFF })),
    );
    const attached = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.id] : []));
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as Error] : []));
    expect(new Set(attached).size).toBe(1);
    expect(refused.every((error) => error instanceof ContractExistsError)).toBe(true);
    const contracts = await database.prisma.contract.findMany({ where: { shop: basic.domain, sourceDraftOrderId: quote } });
    expect(contracts.map((contract) => contract.id)).toEqual(attached.slice(0, 1));
    expect(emulator.store.outbox.slice(emailsBefore).filter((email) => email.kind === "draft_order_invoice")).toHaveLength(1);
    const draft = emulator.store.shops.get(basic.domain)!.draftOrders.find((candidate) => candidate.id === quote)!;
    expect(draft.customAttributes.find((attribute) => attribute.key === "_tranche_contract")?.value).toBe(attached[0]);
  });

  it("offers the customer's last plan first and previews the exact schedule, tax per stage", async () => {
    const monthly = await presetPlan("monthly-4");
    const deposit = await presetPlan("deposit-30-50-20-net30");
    const first = await createQuote();
    await attachPlan(deps(), basic.domain, { draftOrderId: first, planId: deposit.id, actor: STAFF });

    const second = await createQuote();
    const options = await attachOptions(deps(), basic.domain, second);
    expect(options.mode).toBe("stageOrder");
    expect(options.plans[0]).toMatchObject({ id: deposit.id, isDefault: true });
    expect(options.plans.map((plan) => plan.id)).toContain(monthly.id);

    const preview = await attachPreviewView(deps(), basic.domain, { draftOrderId: second, planId: monthly.id });
    expect(preview.stages).toHaveLength(4);
    const cents = (amount: string) => BigInt(amount.replace(".", ""));
    expect(preview.stages.reduce((sum, stage) => sum + cents(stage.amount), 0n)).toBe(cents(preview.total));
    expect(preview.stages[0]!.when).toBe("at checkout");
    const taxOfStages = preview.stages.reduce((sum, stage) => sum + stage.tax.reduce((inner, line) => inner + cents(line.amount), 0n), 0n);
    expect(taxOfStages).toBeGreaterThan(0n);
  });
});

describe("staff actions on a contract", () => {
  it("records an offline payment of the deposit in two parts, with method, reference and date: the stage is paid, its link withdrawn, the order made", async () => {
    const plan = await presetPlan("deposit-30-50-20-net30");
    const contract = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(), planId: plan.id, actor: STAFF });
    const deposit = contract.stages[0]!;
    const today = calendarDateAt(emulator.store.clock.now(), contract.timeZone);
    const offline = (amount: bigint, changes: Partial<OfflinePaymentInput> = {}) =>
      recordOfflinePayment(deps(), basic.domain, {
        contractId: contract.id,
        position: 1,
        method: "Wire transfer",
        receivedOn: today,
        amount,
        actor: STAFF,
        ...changes,
      });

    await expect(offline(deposit.amountMinor + 1n)).rejects.toThrow(/still owes/);
    await expect(offline(1n, { receivedOn: addDays(today, 1) })).rejects.toThrow(/after today/);
    // The form submitted twice (a double click) records the payment once.
    const key = crypto.randomUUID();
    await offline(10_000n, { reference: "WIRE-1", key });
    await offline(10_000n, { reference: "WIRE-1", key });
    let synced = await sync(contract.id);
    expect(synced.stages[0]).toMatchObject({ status: "invoiced", paidMinor: 10_000n });
    // The deposit's link asked for all of it: withdrawn, and a link for the rest emailed.
    expect(draftExists(deposit.stageDraftOrderId!)).toBe(false);
    const rest = synced.stages[0]!.stageDraftOrderId!;
    expect(rest).not.toBe(deposit.stageDraftOrderId);
    const restDraft = emulator.store.shops.get(basic.domain)!.draftOrders.find((draft) => draft.id === rest)!;
    expect(restDraft.lineItems[0]!.originalUnitPrice).toBe(formatMinorUnits(deposit.amountMinor - 10_000n, currencyFor(contract.currency)));

    await offline(deposit.amountMinor - 10_000n, { method: "Cheque", reference: "CHQ 88" });
    synced = await sync(contract.id);
    expect(synced.stages[0]).toMatchObject({ status: "paid", paidMinor: deposit.amountMinor });
    expect(synced.status).toBe("active");
    expect(synced.mainOrderId).not.toBeNull();
    expect(draftExists(rest)).toBe(false);
    const ledger = await listLedgerEntries(database.prisma, basic.domain, contract.id);
    expect(ledger.map(({ kind, amountMinor, method, reference }) => ({ kind, amountMinor, method, reference }))).toEqual([
      { kind: "manualPayment", amountMinor: 10_000n, method: "Wire transfer", reference: "WIRE-1" },
      { kind: "manualPayment", amountMinor: deposit.amountMinor - 10_000n, method: "Cheque", reference: "CHQ 88" },
    ]);
    await expect(offline(1n)).rejects.toThrow(ContractActionError);
  });

  it("resends a due stage's link, refuses one not issued yet, and retries only a failed charge", async () => {
    const plan = await presetPlan("deposit-30-50-20-net30");
    const contract = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(), planId: plan.id, actor: STAFF });
    const before = emulator.store.outbox.length;
    await resendStageLink(deps(), basic.domain, { contractId: contract.id, position: 1, actor: STAFF });
    expect(emulator.store.outbox.length).toBe(before + 1);
    await expect(resendStageLink(deps(), basic.domain, { contractId: contract.id, position: 2, actor: STAFF })).rejects.toThrow(/no payment link yet/);
    await expect(retryFailedCharge(deps(), basic.domain, { contractId: contract.id, position: 1, actor: STAFF })).rejects.toThrow(/not a failed charge/);
    const audit = await listAudit(database.prisma, basic.domain, { contractId: contract.id });
    expect(audit.some((entry) => entry.action === "stage.linkEmailed" && entry.details.resent === true)).toBe(true);
  });

  it("emails a reminder once per reminder day, and one email when several days came at once", async () => {
    const plan = await presetPlan("monthly-4");
    const contract = await attachPlan(deps(), basic.domain, { draftOrderId: await createQuote(), planId: plan.id, actor: STAFF });
    await payNewestLink(contract.stages[0]!.stageDraftOrderId!);
    await sync(contract.id);
    emulator.store.clock.advance(40 * DAY_MS);
    const due = await sync(contract.id);
    expect(["invoiced", "overdue"]).toContain(due.stages[1]!.status);

    // Earlier tests' contracts have unpaid stages too: count this contract's reminders.
    const reminders = async () =>
      (await listAudit(database.prisma, basic.domain, { contractId: contract.id })).filter((entry) => entry.details.reminder !== undefined);
    // The link went out today, late: no reminder on the same day.
    await sendDueReminders(deps());
    expect(await reminders()).toHaveLength(0);
    emulator.store.clock.advance(DAY_MS);
    expect(await sendDueReminders(deps())).toBeGreaterThanOrEqual(1);
    expect((await reminders()).map((entry) => entry.details)).toEqual([expect.objectContaining({ position: 2, reminder: "after:1, after:7" })]);
    expect(await sendDueReminders(deps())).toBe(0);
    expect(await reminders()).toHaveLength(1);
    const offsets = await database.prisma.stageReminder.findMany({ where: { stageId: due.stages[1]!.id }, select: { offset: true } });
    expect(offsets.map((row) => row.offset).sort()).toEqual(["after:1", "after:7"]);
  });
});

describe("staff actions on a native (Plus) contract", () => {
  it("resend a later stage's own link (its amount), never the main order's whole balance", async () => {
    const plan = await presetPlan("deposit-30-50-20-net30", plus.domain);
    let contract = await attachPlan(deps(), plus.domain, { draftOrderId: await createQuote(plus), planId: plan.id, actor: STAFF });
    expect(contract.mode).toBe("native");
    const today = calendarDateAt(emulator.store.clock.now(), contract.timeZone);
    await expect(
      recordOfflinePayment(deps(), plus.domain, { contractId: contract.id, position: 1, method: "Wire transfer", receivedOn: today, amount: 1n, actor: STAFF }),
    ).rejects.toThrow(/native deposit/);
    await payNewestLink(contract.sourceDraftOrderId);
    contract = await sync(contract.id, plus.domain);
    await markMilestone(deps(), plus.domain, { contractId: contract.id, milestone: "Ready to ship", actor: STAFF });
    contract = await sync(contract.id, plus.domain);
    const second = contract.stages[1]!;
    expect(second.status).toBe("invoiced");
    expect(second.stageDraftOrderId).not.toBeNull();

    const before = emulator.store.outbox.length;
    await resendStageLink(deps(), plus.domain, { contractId: contract.id, position: 2, actor: STAFF });
    const sent = emulator.store.outbox.slice(before);
    expect(sent.map((email) => email.resourceId)).toEqual([second.stageDraftOrderId]);
  });
});

describe("settings", () => {
  it("refuse native collection on a shop without Shopify Plus, and save what is allowed", async () => {
    await expect(
      saveShopSettings(
        database.prisma,
        basic.domain,
        { collectionMode: "native", remindBeforeDays: [3], remindAfterDays: [], defaultPlanId: null, requireAcceptance: true },
        { shopifyPlus: false, actor: STAFF },
      ),
    ).rejects.toThrow(SettingNotAllowedError);
    const saved = await saveShopSettings(
      database.prisma,
      basic.domain,
      { collectionMode: "stageOrder", remindBeforeDays: [7, 3, 3], remindAfterDays: [2], defaultPlanId: null, requireAcceptance: false },
      { shopifyPlus: false, actor: STAFF },
    );
    expect(saved).toMatchObject({ remindBeforeDays: [3, 7], remindAfterDays: [2], requireAcceptance: false });
  });
});
