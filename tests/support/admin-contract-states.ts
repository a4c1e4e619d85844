import { addDays, startOfDayIn } from "../../app/domain/dates/calendar-date";
import { PRESET_PLANS } from "../../app/domain/plan/presets";
import { buyerMailFromEnvironment } from "../../app/services/buyer-email/buyer-mail-environment.server";
import { getContract, type StoredContract, type StoredStage } from "../../app/models/contracts.server";
import { customerNumericId } from "../../app/models/customer-history.server";
import { listPlans } from "../../app/models/plans.server";
import { attachPlan } from "../../app/services/attach/attach-plan.server";
import { cancelContract, markMilestone } from "../../app/services/collection/contract-events.server";
import { requestDueSyncs } from "../../app/services/collection/due-sweep.server";
import type { ServiceDeps } from "../../app/services/service-deps.server";
import { offlineAdminClient } from "../../app/shopify/offline-admin.server";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../emulator/fixtures/demo-fixture";
import { payEmailedLink, staffAdminRequest, type BuyerPayment } from "../../emulator/staff-and-buyer-actions";
import type { LocalStack } from "../../scripts/local-stack";

/**
 * Contracts in every state staff meet on the admin's pages, made on a running local stack the way staff and buyers
 * make them: staff create quotes in Shopify's admin (the emulator's Admin API) and attach preset plans with the app's
 * own service, buyers pay on the emulator's checkout (approving, or saving a card the emulator will decline later),
 * staff mark milestones and cancel with the app's services, and the emulator's clock moves past a due date. The
 * stack's worker does the rest, as in production; each step waits for the state it leads to.
 *
 * Load it after the stack has started: the app's modules read their settings when they load.
 */

export interface ContractStates {
  /** "Retainer + monthly" attached, nothing paid: the deposit is overdue once the clock has moved. */
  readonly awaitingDeposit: string;
  /** "30% deposit / 50% before shipping / 20% net 30": the deposit paid, stage 2 waits for "Ready to ship". */
  readonly awaitingMilestone: string;
  /** "4 monthly payments": the first paid from its link, the second two days past due and unpaid. */
  readonly overdue: string;
  /** "4 monthly payments": the first paid with the card saved; the saved card declined the second. */
  readonly failedCharge: string;
  /** "Deposit + balance before shipping": the deposit paid, the milestone marked, the balance paid. */
  readonly paidInFull: string;
  /** "Deposit + balance before shipping": the deposit paid, then cancelled with everything refunded. */
  readonly cancelled: string;
}

export interface SeededAdmin {
  readonly contracts: ContractStates;
  /** An open quote with no plan, for the attach page's preview. */
  readonly unattachedDraftId: string;
  /** A preset plan ("30% deposit / 50% before shipping / 20% net 30"), for the plan page. */
  readonly planId: string;
  /** The overdue contract's customer, by the numeric id the customer page's URL carries (`/app/customers/<id>`). */
  readonly customerId: string;
}

/** The preset plan each state starts from. */
const PRESET_OF_STATE: Readonly<Record<keyof ContractStates, string>> = {
  awaitingDeposit: "retainer-monthly",
  awaitingMilestone: "deposit-30-50-20-net30",
  overdue: "monthly-4",
  failedCharge: "monthly-4",
  paidInFull: "deposit-balance-before-shipping",
  cancelled: "deposit-balance-before-shipping",
};
const STAFF = "staff:e2e-seed" as const;
const MILESTONE = "Ready to ship";
const STATE_WAIT_MS = 60_000;
const POLL_MS = 250;

export async function seedContractStates(stack: LocalStack, report: (line: string) => void = () => undefined): Promise<SeededAdmin> {
  const started = performance.now();
  const log = (line: string) => report(`${line} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const shop = stack.shop;
  const deps: ServiceDeps = {
    db: stack.db,
    jobs: stack.jobs,
    adminFor: (domain) => offlineAdminClient(stack.db, domain),
    now: () => stack.emulator.store.clock.now(),
    buyerMail: buyerMailFromEnvironment(),
  };
  const plans = await listPlans(stack.db, shop);
  const planId = (presetId: string): string => {
    const name = PRESET_PLANS.find((preset) => preset.id === presetId)?.name;
    const plan = plans.find((candidate) => candidate.name === name);
    if (!plan) throw new Error(`the stack has no "${name}" plan for ${shop}`);
    return plan.id;
  };
  const attach = async (presetId: string, quoteIndex: number): Promise<string> => {
    const draftOrderId = await createQuote(stack, quoteIndex);
    return (await attachPlan(deps, shop, { draftOrderId, planId: planId(presetId), actor: STAFF })).id;
  };
  const attached = await Promise.all(Object.entries(PRESET_OF_STATE).map(async ([state, presetId], index) => [state, await attach(presetId, index)] as const));
  const contracts = Object.fromEntries(attached) as Record<keyof ContractStates, string>;
  log("attached six plans");

  // Each contract goes its own way at once; only the clock, which every contract shares, waits for the two it is for.
  const approve: BuyerPayment = { card: "approve" };
  await Promise.all([
    payStage(stack, contracts.awaitingMilestone, 1, approve).then(() => log("awaiting a milestone")),
    (async () => {
      await payStage(stack, contracts.paidInFull, 1, approve);
      await markMilestone(deps, shop, { contractId: contracts.paidInFull, milestone: MILESTONE, actor: STAFF });
      await payStage(stack, contracts.paidInFull, 2, approve);
      await waitForContract(stack, contracts.paidInFull, "completed", (contract) => contract.status === "completed");
      log("paid in full");
    })(),
    (async () => {
      await payStage(stack, contracts.cancelled, 1, approve);
      await cancelContract(deps, shop, {
        contractId: contracts.cancelled,
        reason: "the buyer withdrew",
        settlement: { settlement: "refund", amount: "all" },
        actor: STAFF,
      });
      await waitForContract(
        stack,
        contracts.cancelled,
        "cancelled with the deposit refunded",
        (contract) => contract.status === "cancelled" && stageOf(contract, 1).refundedMinor === stageOf(contract, 1).paidMinor,
      );
      log("cancelled and refunded");
    })(),
    (async () => {
      await Promise.all([
        payStage(stack, contracts.overdue, 1, approve),
        payStage(stack, contracts.failedCharge, 1, { card: "approve", saveCard: true, savedCardOutcome: "decline" }),
      ]);
      // Both monthly contracts' second payments fall due on the same day: two days later one is overdue, the other declined.
      const monthly = await waitForContract(stack, contracts.overdue, "a second payment with a due date", (contract) => stageOf(contract, 2).dueDate !== null);
      const twoDaysLate = new Date(startOfDayIn(addDays(stageOf(monthly, 2).dueDate!, 2), monthly.timeZone).getTime() + 10 * 3_600_000);
      stack.emulator.store.clock.advanceTo(twoDaysLate);
      await requestDueSyncs(stack.db, stack.jobs, shop, stack.emulator.store.clock.now(), "the e2e seed moved the clock past a due date");
      await Promise.all([
        waitForContract(stack, contracts.overdue, "stage 2 overdue", (contract) => stageOf(contract, 2).status === "overdue"),
        waitForContract(stack, contracts.failedCharge, "stage 2's card charge declined", (contract) => stageOf(contract, 2).status === "failed"),
      ]);
      log(`the clock moved to ${twoDaysLate.toISOString()}: one second payment overdue, one declined`);
    })(),
  ]);
  await waitForQuiet(stack, log);
  log("the worker is idle");

  const unattached = stack.emulator.store.shop(shop).draftOrders.find((draft) => draft.name === "#D1");
  if (!unattached) throw new Error(`${shop} has no draft #D1 in the demo fixture`);
  const overdue = await getContract(stack.db, shop, contracts.overdue);
  const customerId = customerNumericId(overdue?.customerId ?? null);
  if (customerId === null) throw new Error(`the overdue contract ${contracts.overdue} has no Shopify customer: ${overdue?.customerId ?? "none"}`);
  return { contracts, unattachedDraftId: unattached.id, planId: planId("deposit-30-50-20-net30"), customerId };
}

/** The B2B company seedCompanyContract adds to the emulated shop, and its two locations. */
export const SEEDED_COMPANY = {
  id: "gid://shopify/Company/880001",
  name: "Harbor Supply Co.",
  locations: [
    { id: "gid://shopify/CompanyLocation/880002", name: "Main warehouse" },
    { id: "gid://shopify/CompanyLocation/880003", name: "Harbor Supply Co. — North Yard, loading dock 4" },
  ],
} as const;

/**
 * A B2B company for the company terms page (`/app/companies/<id>`): the emulated shop gains a company with two
 * locations (the demo's basic shop has none), staff quote its main warehouse and attach a preset plan. Apart from
 * seedContractStates, so the pages that count contracts keep theirs. Returns the numeric id the page's URL carries.
 */
export async function seedCompanyContract(stack: LocalStack): Promise<string> {
  const state = stack.emulator.store.shop(stack.shop);
  if (!state.companies.some((company) => company.id === SEEDED_COMPANY.id)) {
    state.companies.push({ id: SEEDED_COMPANY.id, name: SEEDED_COMPANY.name, contactCustomerIds: [], locations: [...SEEDED_COMPANY.locations] });
  }
  const accessToken = readShopsFixture(DEMO_FIXTURE_FILE).find((fixture) => fixture.domain === stack.shop)?.accessToken;
  if (!accessToken) throw new Error(`the demo fixture has no access token for ${stack.shop}`);
  const variant = state.products.flatMap((product) => product.variants).find((candidate) => candidate.requiresShipping);
  if (!variant) throw new Error(`${stack.shop} has no shipped product to quote`);
  const data = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } | null; userErrors: unknown[] } }>(
    stack.emulator.adminUrl(),
    accessToken,
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }",
    {
      input: {
        email: "ap@harbor-supply.example",
        purchasingEntity: {
          purchasingCompany: {
            companyId: SEEDED_COMPANY.id,
            companyLocationId: SEEDED_COMPANY.locations[0].id,
            companyContactId: "gid://shopify/CompanyContact/880004",
          },
        },
        lineItems: [{ variantId: variant.id, quantity: 3 }],
      },
    },
  );
  if (!data.draftOrderCreate.draftOrder) throw new Error(`the company's quote was refused: ${JSON.stringify(data.draftOrderCreate.userErrors)}`);
  const plan = (await listPlans(stack.db, stack.shop)).find((candidate) => candidate.name === PRESET_PLANS.find((preset) => preset.id === "monthly-4")?.name);
  if (!plan) throw new Error(`the stack has no "4 monthly payments" plan for ${stack.shop}`);
  const deps: ServiceDeps = {
    db: stack.db,
    jobs: stack.jobs,
    adminFor: (domain) => offlineAdminClient(stack.db, domain),
    now: () => stack.emulator.store.clock.now(),
    buyerMail: buyerMailFromEnvironment(),
  };
  await attachPlan(deps, stack.shop, { draftOrderId: data.draftOrderCreate.draftOrder.id, planId: plan.id, actor: STAFF });
  return SEEDED_COMPANY.id.slice(SEEDED_COMPANY.id.lastIndexOf("/") + 1);
}

/** A quote as staff build it in Shopify's admin: one of the shop's customers, two shipped products. */
async function createQuote(stack: LocalStack, index: number): Promise<string> {
  const state = stack.emulator.store.shop(stack.shop);
  const accessToken = readShopsFixture(DEMO_FIXTURE_FILE).find((fixture) => fixture.domain === stack.shop)?.accessToken;
  if (!accessToken) throw new Error(`the demo fixture has no access token for ${stack.shop}`);
  const variants = state.products.flatMap((product) => product.variants).filter((variant) => variant.requiresShipping);
  const customer = state.customers[index % state.customers.length]!;
  const data = await staffAdminRequest<{ draftOrderCreate: { draftOrder: { id: string } | null; userErrors: unknown[] } }>(
    stack.emulator.adminUrl(),
    accessToken,
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }",
    {
      input: {
        customerId: customer.id,
        useCustomerDefaultAddress: true,
        lineItems: [
          { variantId: variants[index % variants.length]!.id, quantity: 1 + (index % 3) },
          { variantId: variants[(index + 2) % variants.length]!.id, quantity: 2 },
        ],
      },
    },
  );
  if (!data.draftOrderCreate.draftOrder) throw new Error(`the quote was refused: ${JSON.stringify(data.draftOrderCreate.userErrors)}`);
  return data.draftOrderCreate.draftOrder.id;
}

/** The buyer pays a stage on the emulator's checkout, from the link the app made for it, and the app records it. */
async function payStage(stack: LocalStack, contractId: string, position: number, payment: BuyerPayment): Promise<void> {
  const contract = await waitForContract(stack, contractId, `stage ${position}'s payment link`, (candidate) => stageOf(candidate, position).payUrl !== null);
  const link = stageOf(contract, position).payUrl!;
  const response = await payEmailedLink(stack.emulator.url, link, payment);
  if (!response.ok) throw new Error(`paying stage ${position} of ${contractId} at ${link} failed: HTTP ${response.status} ${await response.text()}`);
  await waitForContract(stack, contractId, `stage ${position} paid`, (candidate) => stageOf(candidate, position).status === "paid");
}

async function waitForContract(stack: LocalStack, contractId: string, what: string, done: (contract: StoredContract) => boolean): Promise<StoredContract> {
  const deadline = Date.now() + STATE_WAIT_MS;
  for (;;) {
    const contract = await getContract(stack.db, stack.shop, contractId);
    if (!contract) throw new Error(`contract ${contractId} is not in the database`);
    if (done(contract)) return contract;
    if (Date.now() > deadline) {
      const stages = contract.stages.map(
        (stage) => `${stage.position} ${stage.status} (due ${stage.dueDate ?? "on its event"}, ${stage.lastError ?? "no error"})`,
      );
      throw new Error(
        `contract ${contract.sourceDraftName} never reached ${what} within ${STATE_WAIT_MS / 1000} s: ${contract.status}; stages ${stages.join(", ")}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Until every webhook is delivered and no job is waiting (three quiet looks in a row); the pages then stay as they are. */
async function waitForQuiet(stack: LocalStack, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let quietLooks = 0; quietLooks < 3;) {
    await stack.emulator.waitForWebhooksIdle();
    await sleep(300);
    quietLooks = (await stack.jobs.jobsNotFinished()) === 0 ? quietLooks + 1 : 0;
    if (Date.now() > deadline) {
      log(`the worker still had ${await stack.jobs.jobsNotFinished()} job(s) after 30 s; the pages are read as they are`);
      return;
    }
  }
}

function stageOf(contract: StoredContract, position: number): StoredStage {
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw new Error(`contract ${contract.sourceDraftName} has no stage ${position}`);
  return stage;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
