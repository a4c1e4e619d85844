/**
 * `npm run --silent demo:collect`: the app's main job end to end on its embedded defaults — a fresh embedded
 * PostgreSQL, the local Shopify emulator with its demo shops, the webhook intake and the job worker, all in this
 * process. Staff attach the 30/50/20 plan to a quote; the buyer pays the deposit, the payment before shipping
 * (the goods are held until then) and the net-30 balance from the links the app emails. It prints what
 * happened and the end state, and exits 1 if the contract did not end fully collected.
 *
 * `--shop plus` runs it on the Plus demo shop, where the deposit is the draft's own (native mode).
 */
import { parseArgs } from "node:util";

import { createPrismaClient } from "../app/prisma-client.server";
import { formatMinorUnits } from "../app/domain/money/minor-units";
import { currencyFor } from "../app/domain/money/currency";
import { PRESET_PLANS } from "../app/domain/plan/presets";
import { startWorker } from "../app/jobs/app-worker.server";
import { getContract, type StoredContract } from "../app/models/contracts.server";
import { contractBalance, listLedgerEntries } from "../app/models/ledger.server";
import { createPlan } from "../app/models/plans.server";
import { attachPlan } from "../app/services/attach/attach-plan.server";
import { markMilestone } from "../app/services/collection/contract-events.server";
import type { ServiceDeps } from "../app/services/service-deps.server";
import { offlineAdminClient } from "../app/shopify/offline-admin.server";
import { WebhookHttpServer } from "../app/webhooks/webhook-http-server.server";
import { tomlWebhookSubscriptions } from "../emulator/app-toml-webhooks";
import { displayFinancialStatus } from "../emulator/commerce/order-balance";
import { startEmulator, type RunningEmulator } from "../emulator/emulator";
import { payEmailedLink, staffAdminRequest } from "../emulator/staff-and-buyer-actions";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../emulator/fixtures/demo-fixture";
import { APP_QUEUES } from "../app/jobs/queues";
import { JobQueue } from "../app/lib/jobs/job-queue.server";
import { openLocalDatabase } from "./local/app-database";
import { buyerMailFromEnvironment } from "../app/services/buyer-email/buyer-mail-environment.server";

const API_SECRET = "collection-demo-secret";
const STAFF = "staff:demo" as const;
const DAY_MS = 86_400_000;

const { values } = parseArgs({ options: { shop: { type: "string", default: "basic" } } });
const shops = readShopsFixture(DEMO_FIXTURE_FILE);
const shop = shops.find((candidate) => candidate.plan === values.shop);
if (!shop) {
  console.error(`error: --shop must be one of ${shops.map((candidate) => candidate.plan).join(", ")}`);
  process.exit(2);
}

const database = await openLocalDatabase(() => undefined);
const db = createPrismaClient(database.url);
const jobs = await JobQueue.open({ url: database.url, queues: APP_QUEUES, supervise: true });
const intake = new WebhookHttpServer(jobs, API_SECRET);
await intake.start();
const emulator = await startEmulator({
  shops,
  app: { apiKey: "collection-demo", apiSecret: API_SECRET, url: intake.url, webhooks: tomlWebhookSubscriptions("shopify.app.toml") },
  smtp: { port: 0 },
});
process.env.SHOPIFY_ADMIN_API_URL = emulator.adminUrl();
await db.session.create({ data: { id: `offline_${shop.domain}`, shop: shop.domain, state: "", isOnline: false, accessToken: shop.accessToken as string } });
// The headless demo pays from Shopify's invoice emails, which the emulator keeps; the app's own emails (receipts,
// the schedule) go to the emulator's SMTP mailbox.
await db.shopSettings.create({ data: { shop: shop.domain, linkEmailsBy: "shopify" } });
const deps: ServiceDeps = {
  db,
  jobs,
  adminFor: (domain) => offlineAdminClient(db, domain),
  now: () => emulator.store.clock.now(),
  buyerMail: buyerMailFromEnvironment({ ...process.env, SMTP_URL: emulator.smtpUrl ?? "", SHOPIFY_API_SECRET: API_SECRET }),
};
const worker = await startWorker(deps, { pollIntervalSeconds: 0.5, sweepIntervalMs: 250, log: () => undefined });

let exitCode = 1;
try {
  exitCode = await runDemo(emulator);
} finally {
  await worker.stop({ graceful: false });
  await emulator.close();
  await intake.stop();
  await db.$disconnect();
  await database.stop();
}
process.exit(exitCode);

async function runDemo(emulator: RunningEmulator): Promise<number> {
  const preset = PRESET_PLANS.find((candidate) => candidate.id === "deposit-30-50-20-net30")!;
  const plan = await createPlan(db, shop!.domain, { name: preset.name, config: preset.config, actor: STAFF });
  const quote = await createQuote();
  let contract = await attachPlan(deps, shop!.domain, { draftOrderId: quote, planId: plan.id, actor: STAFF });
  say(`staff attached "${plan.name}" to ${contract.sourceDraftName} (${contract.mode} mode); the first invoice is emailed`);
  printStages(contract);

  await pay(1, contract);
  contract = await settled(contract.id);
  say(`buyer paid the deposit; main order ${contract.mainOrderId}, fulfillment ${holds(contract)}`);

  await markMilestone(deps, shop!.domain, { contractId: contract.id, milestone: "Ready to ship", actor: STAFF });
  contract = await settled(contract.id);
  say(`staff marked "Ready to ship"; stage 2 is ${contract.stages[1]!.status}, due ${contract.stages[1]!.dueDate}`);

  await pay(2, contract);
  contract = await settled(contract.id);
  say(`buyer paid before shipping; fulfillment ${holds(contract)}`);

  await fulfil(contract);
  contract = await settled(contract.id);
  say(`staff shipped the order; stage 3 is ${contract.stages[2]!.status}, due ${contract.stages[2]!.dueDate}`);

  emulator.store.clock.advance(25 * DAY_MS);
  await pay(3, await settled(contract.id));
  contract = await settled(contract.id);
  say("25 days later the buyer paid the balance");
  printStages(contract);

  const balance = await contractBalance(db, shop!.domain, contract.id);
  const currency = currencyFor(contract.currency);
  const order = emulator.store.shops.get(shop!.domain)!.orders.find((candidate) => candidate.id === contract.mainOrderId);
  const ledger = await listLedgerEntries(db, shop!.domain, contract.id);
  const summary = {
    contract: contract.status,
    total: formatMinorUnits(contract.totalMinor, currency),
    ledger: formatMinorUnits(balance!.netMinor, currency),
    ledgerEntries: ledger.length,
    mainOrder: order?.name,
    mainOrderFinancialStatus: order ? displayFinancialStatus(order) : null,
    emailsSent: emulator.store.outbox.length,
    appEmailsSent: emulator.store.appEmails.length,
    webhooksReceived: intake.received,
  };
  console.log(JSON.stringify(summary));
  return contract.status === "completed" && balance?.settled ? 0 : 1;
}

async function createQuote(): Promise<string> {
  const state = emulator.store.shops.get(shop!.domain)!;
  const variants = state.products.flatMap((product) => product.variants).filter((variant) => variant.requiresShipping);
  const data = await staffAdmin<{ draftOrderCreate: { draftOrder: { id: string } | null; userErrors: unknown[] } }>(
    "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }",
    {
      input: {
        customerId: state.customers[0]!.id,
        useCustomerDefaultAddress: true,
        lineItems: variants.slice(0, 2).map((variant) => ({ variantId: variant.id, quantity: 2 })),
      },
    },
  );
  if (!data.draftOrderCreate.draftOrder) throw new Error(`the quote was refused: ${JSON.stringify(data.draftOrderCreate.userErrors)}`);
  return data.draftOrderCreate.draftOrder.id;
}

/** The buyer follows the newest link the app emailed for the stage and pays it with the test card. */
async function pay(position: number, contract: StoredContract): Promise<void> {
  const stage = contract.stages[position - 1]!;
  const draftId = stage.stageDraftOrderId ?? (position === 1 ? contract.sourceDraftOrderId : null);
  const email = emulator.store.outbox.filter((candidate) => candidate.resourceId === draftId || candidate.resourceId === stage.stageOrderId).at(-1);
  if (!email?.url) throw new Error(`no payment link was emailed for stage ${position}`);
  const response = await payEmailedLink(emulator.url, email.url, { card: "approve" });
  if (!response.ok) throw new Error(`paying stage ${position} failed: ${await response.text()}`);
}

async function fulfil(contract: StoredContract): Promise<void> {
  const order = emulator.store.shops.get(shop!.domain)!.orders.find((candidate) => candidate.id === contract.mainOrderId)!;
  const open = order.fulfillmentOrders.filter((fulfillmentOrder) => fulfillmentOrder.status === "OPEN");
  await staffAdmin("mutation Ship($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }", {
    f: { lineItemsByFulfillmentOrder: open.map((fulfillmentOrder) => ({ fulfillmentOrderId: fulfillmentOrder.id })) },
  });
}

/** Waits until every webhook is delivered and every job that is due has run, then reads the contract. */
async function settled(contractId: string): Promise<StoredContract> {
  for (let quietRounds = 0; quietRounds < 3;) {
    await emulator.waitForWebhooksIdle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A sync retried after a contract was busy waits seconds to run again: the demo waits for it too.
    const busy = await jobs.jobsNotFinished();
    quietRounds = busy === 0 ? quietRounds + 1 : 0;
  }
  return (await getContract(db, shop!.domain, contractId))!;
}

/** Staff's own calls in Shopify's admin. */
function staffAdmin<Data>(query: string, variables: Record<string, unknown>): Promise<Data> {
  return staffAdminRequest<Data>(emulator.adminUrl(), shop!.accessToken as string, query, variables);
}

function holds(contract: StoredContract): string {
  const order = emulator.store.shops.get(shop!.domain)!.orders.find((candidate) => candidate.id === contract.mainOrderId);
  const reasons = order?.fulfillmentOrders.flatMap((fulfillmentOrder) => fulfillmentOrder.holds.map((hold) => hold.reason)) ?? [];
  return reasons.length ? `held (${reasons.join(", ")})` : "not held";
}

function printStages(contract: StoredContract): void {
  const currency = currencyFor(contract.currency);
  for (const stage of contract.stages) {
    say(
      `  ${stage.position}. ${stage.title.padEnd(28)} ${formatMinorUnits(stage.amountMinor, currency).padStart(12)} ${contract.currency}  ${stage.status.padEnd(9)} due ${stage.dueDate ?? "on its event"}`,
    );
  }
}

function say(line: string): void {
  console.log(line);
}
