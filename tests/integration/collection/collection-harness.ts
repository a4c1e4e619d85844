import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TZDate } from "@date-fns/tz";
import { calendarDateAt, type CalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import { toMinorUnits } from "../../../app/domain/money/minor-units";
import { PRESET_PLANS } from "../../../app/domain/plan/presets";
import { getContract, type StoredContract, type StoredStage } from "../../../app/models/contracts.server";
import { createPlan, type StoredPlan } from "../../../app/models/plans.server";
import { attachPlan } from "../../../app/services/attach/attach-plan.server";
import { cancelContract, markMilestone, type CancelSettlement } from "../../../app/services/collection/contract-events.server";
import { refundContract } from "../../../app/services/collection/contract-refunds.server";
import { editSchedule, type ScheduleEditRequest } from "../../../app/services/collection/schedule-edit.server";
import { requestDueSyncs } from "../../../app/services/collection/due-sweep.server";
import type { ServiceDeps } from "../../../app/services/service-deps.server";
import { createAdminClient } from "../../../app/shopify/admin-client.server";
import { ShopThrottle } from "../../../app/shopify/shop-throttle";
import { tomlWebhookSubscriptions } from "../../../emulator/app-toml-webhooks";
import { displayFinancialStatus } from "../../../emulator/commerce/order-balance";
import { startEmulator, type RunningEmulator } from "../../../emulator/emulator";
import { payEmailedLink, staffAdminRequest } from "../../../emulator/staff-and-buyer-actions";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../../../emulator/fixtures/demo-fixture";
import type { CardOutcome, Order, OutboxEmail, ShopState } from "../../../emulator/state/model";
import type { ShopFixture } from "../../../emulator/state/seed";
import type { WebhookFaults } from "../../../emulator/webhooks/fault-injection";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { WebhookHttpServer } from "../../../app/webhooks/webhook-http-server.server";
import { WebInstances } from "./web-instances";
import { WorkerSupervisor } from "./worker-supervisor";
import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { testBuyerMail } from "../../support/buyer-mail";
import { BUYER_EMAIL_JOB } from "../../../app/services/buyer-email/email-dispatch.server";
import { startSmtpMailbox, type SmtpMailbox } from "../../support/smtp-mailbox";
import type { LinkEmailsBy } from "../../../app/models/shop-settings.server";

/**
 * One end-to-end run of a contract's collection: a fresh database, the in-process emulator with the demo shops,
 * the app's webhook intake behind a local HTTP server, and the app's job worker in a child process (killed and
 * restarted at random in a chaos run). The scenario drives it as the buyer and the staff would; `settle` waits
 * until the app has done everything it is going to do; `endState` reads what the issue says must hold.
 */

export type CollectionMode = "native" | "stageOrder";
export type DeliveryConditions = "clean" | "faults" | "faults+kills";

export interface CollectionRun {
  /** `monthly-4/native/faults`. */
  readonly name: string;
  readonly presetId: string;
  readonly mode: CollectionMode;
  readonly conditions: DeliveryConditions;
  /** Seeds the webhook faults and the kill timing, so a failing run can be read again. */
  readonly seed: number;
  /**
   * The processes the app runs as: web instances answering webhooks behind a round-robin proxy (0: the intake runs in
   * the test's own process), and worker processes. One web in-process and one worker by default.
   */
  readonly topology?: { readonly webProcesses: number; readonly workers: number };
  /**
   * Who emails the stage links: the app over SMTP (to the run's mailbox, where the buyer finds them) or Shopify's
   * invoice emails. Runs with faults use the app's, so that killed workers are killed mid-send too.
   */
  readonly linkEmails?: LinkEmailsBy;
}

/** What receives the webhooks: the intake in the test's process, or web instances behind a proxy. */
interface WebhookReceiver {
  readonly url: string;
  readonly received: number;
  stop(): Promise<void>;
}

const API_SECRET = "collection-test-secret";
const APP_TOML = fileURLToPath(new URL("../../../shopify.app.toml", import.meta.url));
const SCOPES = "write_customers,write_draft_orders,read_orders,write_orders,write_payment_terms,write_payment_mandate,read_products";
const STAFF = "staff:collection-test";
/** Webhook retries 10,000 times faster than Shopify's 4 hours, so a failed first attempt is retried in milliseconds. */
const RETRY_SCALE = 0.0001;
const FAULTS: Omit<WebhookFaults, "seed"> = { duplicateProbability: 0.3, reorderWindowMs: 30, delayMs: 5, failureProbability: 0.15 };
/** Longer than the worker's 500 ms sweep, so a sweep that would find work has run before a step counts as settled. */
const QUIET_MS = 700;
const POLL_MS = 50;
/** How long the test's SMTP server holds each message before taking it: long enough for kills to land mid-send. */
const SMTP_ACCEPT_DELAY_MS = 150;
/** How long the buyer waits for the app's email with a link (workers may be killed and restarted meanwhile). */
const APP_EMAIL_WAIT_MS = 120_000;

/** The runs of one preset: both collection modes under every delivery condition (6 runs). */
export function collectionRuns(presetId: string): CollectionRun[] {
  const modes: CollectionMode[] = ["native", "stageOrder"];
  const conditions: DeliveryConditions[] = ["clean", "faults", "faults+kills"];
  return modes.flatMap((mode) =>
    conditions.map((condition) => {
      const linkEmails: LinkEmailsBy = condition === "clean" ? "shopify" : "tranche";
      const name = `${presetId}/${mode}/${condition}`;
      return { name, presetId, mode, conditions: condition, seed: seedOf(name), linkEmails };
    }),
  );
}

export interface ExpectedEnd {
  /** Declined saved-card charges the scenario caused on purpose. */
  readonly declines: number;
}

/** What the end state checks counted; printed as one JSON line per run. */
export interface EndStateCounts {
  readonly scenario: string;
  readonly seed: number;
  readonly stages: number;
  readonly paidStages: number;
  readonly contractStatus: string;
  readonly totalMinor: string;
  readonly ledgerNetMinor: string;
  readonly ledgerEntries: number;
  readonly shopifyPayments: number;
  readonly mandateCharges: number;
  readonly failedTransactions: number;
  readonly manualPayments: number;
  readonly mainOrderStatus: string | null;
  readonly orders: number;
  readonly draftOrders: number;
  readonly openDraftOrders: number;
  readonly draftInvoiceEmails: number;
  /** The app's own emails to the buyer, the SMTP deliveries of them, and Message-IDs delivered more than once. */
  readonly appEmails: number;
  readonly appEmailDeliveries: number;
  readonly resentMessages: number;
  /** Emails that took more than one attempt: a worker died (or was killed) while sending them. */
  readonly emailsRetried: number;
  readonly webhookEvents: number;
  readonly deliveriesReceived: number;
  /** Deliveries of an event the app had already received (duplicates and retries of answered attempts). */
  readonly repeatedDeliveriesReceived: number;
  /** Copies the emulator's duplicate fault sent. */
  readonly duplicates: number;
  readonly failedFirstAttempts: number;
  readonly kills: number;
  readonly jobs: number;
  readonly jobsRunMoreThanOnce: number;
  readonly seconds: number;
}

export interface EndState {
  readonly counts: EndStateCounts;
  /** Every way the end state differs from the issue's "must show"; empty when it holds. */
  readonly problems: string[];
}

export class CollectionHarness {
  readonly deps: ServiceDeps;
  readonly shop: ShopFixture & { readonly accessToken: string; readonly ianaTimezone: string; readonly currencyCode: string };
  private contractId: string | undefined;
  private readonly startedAt = Date.now();

  private constructor(
    readonly run: CollectionRun,
    private readonly database: TestDatabase,
    private readonly receiver: WebhookReceiver,
    readonly emulator: RunningEmulator,
    jobs: JobQueue,
    private readonly worker: WorkerSupervisor,
    private readonly scratchDir: string,
    shop: ShopFixture,
    /** The buyer's inbox for the app's own emails (runs where the app emails the links). */
    readonly mailbox: SmtpMailbox | null,
  ) {
    if (!shop.accessToken || !shop.ianaTimezone || !shop.currencyCode) throw new Error(`the demo shop ${shop.domain} lacks a token, zone or currency`);
    this.shop = shop as CollectionHarness["shop"];
    const apiUrl = emulator.adminUrl();
    // Its own pacing: runs that go on at the same time talk to different emulators under the same shop domain.
    const throttle = new ShopThrottle();
    this.deps = {
      db: database.prisma,
      jobs,
      adminFor: async (domain) => createAdminClient({ shop: domain, accessToken: this.shop.accessToken }, { apiUrl, throttle }),
      now: () => emulator.store.clock.now(),
      buyerMail: testBuyerMail(),
    };
  }

  static async start(run: CollectionRun): Promise<CollectionHarness> {
    // A run checks that every draft of the shop ends completed, so it starts without the demo's open quotes.
    const shops = readShopsFixture(DEMO_FIXTURE_FILE).map((fixture) => ({ ...fixture, draftOrders: [] }));
    // Native mode needs Shopify Plus (draft deposits, custom mandate amounts); stage orders run on Basic.
    const shop = shops.find((candidate) => (run.mode === "native" ? candidate.plan === "plus" : candidate.plan === "basic"));
    if (!shop) throw new Error(`the demo fixture has no shop for ${run.mode} mode`);
    const database = await createTestDatabase();
    for (const fixture of shops) {
      await database.prisma.session.create({
        data: { id: `offline_${fixture.domain}`, shop: fixture.domain, state: "", isOnline: false, accessToken: fixture.accessToken ?? "", scope: SCOPES },
      });
    }
    const jobs = await database.openJobQueue({ supervise: false });
    const linkEmails = run.linkEmails ?? "shopify";
    await database.prisma.shopSettings.create({ data: { shop: shop.domain, linkEmailsBy: linkEmails } });
    const mailbox = linkEmails === "tranche" ? await startSmtpMailbox({ acceptDelayMs: SMTP_ACCEPT_DELAY_MS }) : null;
    const webProcesses = run.topology?.webProcesses ?? 0;
    let receiver: WebhookReceiver;
    if (webProcesses > 0) {
      receiver = await WebInstances.start(webProcesses, database.url, API_SECRET);
    } else {
      const inProcess = new WebhookHttpServer(jobs, API_SECRET);
      await inProcess.start();
      receiver = inProcess;
    }
    const faulty = run.conditions !== "clean";
    const emulator = await startEmulator({
      shops,
      app: { apiKey: "collection-test-key", apiSecret: API_SECRET, url: receiver.url, webhooks: tomlWebhookSubscriptions(APP_TOML) },
      webhookDelivery: { retryScale: RETRY_SCALE, ...(faulty ? { faults: { ...FAULTS, seed: run.seed } } : {}) },
    });
    const scratchDir = mkdtempSync(path.join(tmpdir(), "tranche-collection-"));
    const clockOffsetFile = path.join(scratchDir, "clock-offset");
    const writeClockOffset = () => {
      // Written aside and renamed, so the worker never reads half a number.
      writeFileSync(`${clockOffsetFile}.next`, String(emulator.store.clock.offsetMilliseconds));
      renameSync(`${clockOffsetFile}.next`, clockOffsetFile);
    };
    writeClockOffset();
    emulator.store.clock.onAdvance(writeClockOffset);
    const worker = new WorkerSupervisor({
      databaseUrl: database.url,
      adminApiUrl: emulator.adminUrl(),
      clockOffsetFile,
      count: run.topology?.workers ?? 1,
      ...(mailbox ? { smtpUrl: mailbox.url } : {}),
    });
    await worker.start();
    if (run.conditions === "faults+kills") {
      worker.startChaos({
        seed: run.seed,
        killChance: 0.2,
        minDelayMs: 20,
        maxDelayMs: 800,
        // Below the queue's patience with a job whose workers keep dying: a chaos run tests recovery, not parking.
        maxKillsPerJob: 2,
        runningJob: async () => {
          const running = (await database.storedJobs()).find((job) => job.state === "active");
          // The app's attempt number, which a keyed job retried afresh (under a new id) carries on.
          return running ? { id: running.id, attempts: running.attempt } : null;
        },
      });
    }
    return new CollectionHarness(run, database, receiver, emulator, jobs, worker, scratchDir, shop, mailbox);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.mailbox?.close();
    await this.emulator.close();
    await this.receiver.stop();
    await this.database.cleanup();
    rmSync(this.scratchDir, { recursive: true, force: true });
  }

  // ─── Staff ────────────────────────────────────────────────────────────────────────────────────────────

  createPresetPlan(presetId = this.run.presetId): Promise<StoredPlan> {
    const preset = PRESET_PLANS.find((candidate) => candidate.id === presetId);
    if (!preset) throw new Error(`no preset ${presetId}`);
    return createPlan(this.deps.db, this.shop.domain, { name: preset.name, config: preset.config, actor: STAFF });
  }

  /**
   * A quote as staff build it: catalogue lines (one that does not ship), a discount that leaves odd cents,
   * freight, the customer's address for tax. Returns the draft order id.
   */
  async createQuote(): Promise<string> {
    const state = this.state();
    const customer = state.customers[0];
    if (!customer) throw new Error(`${this.shop.domain} has no customer`);
    const variants = state.products.flatMap((product) => product.variants);
    const shipped = variants.filter((variant) => variant.requiresShipping);
    const service = variants.find((variant) => !variant.requiresShipping);
    if (shipped.length < 2 || !service) throw new Error(`${this.shop.domain} lacks the products the quote is made of`);
    const input = {
      customerId: customer.id,
      useCustomerDefaultAddress: true,
      lineItems: [
        { variantId: shipped[0]!.id, quantity: 1 },
        { variantId: shipped[shipped.length - 1]!.id, quantity: 3 },
        { variantId: service.id, quantity: 2 },
      ],
      appliedDiscount: { title: "Trade", value: 3.5, valueType: "PERCENTAGE" },
      shippingLine: { title: "Freight", priceWithCurrency: { amount: "387.40", currencyCode: this.shop.currencyCode } },
      note: `collection test ${this.run.name}`,
    };
    const data = await this.admin<{ draftOrderCreate: { draftOrder: { id: string } | null; userErrors: unknown[] } }>(
      "mutation Quote($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }",
      { input },
    );
    if (!data.draftOrderCreate.draftOrder) throw new Error(`draftOrderCreate refused the quote: ${JSON.stringify(data.draftOrderCreate.userErrors)}`);
    return data.draftOrderCreate.draftOrder.id;
  }

  async attach(draftOrderId: string, planId: string): Promise<StoredContract> {
    const contract = await attachPlan(this.deps, this.shop.domain, { draftOrderId, planId, mode: this.run.mode, actor: STAFF });
    this.contractId = contract.id;
    return contract;
  }

  markMilestone(milestone: string): Promise<unknown> {
    return markMilestone(this.deps, this.shop.domain, { contractId: this.requireContractId(), milestone, actor: STAFF });
  }

  /** Fulfils every open line of the main order through the Admin API; returns Shopify's userErrors. */
  async fulfillMainOrder(): Promise<unknown[]> {
    const order = await this.mainOrder();
    const open = order.fulfillmentOrders.filter((fulfillmentOrder) => fulfillmentOrder.status !== "CLOSED" && fulfillmentOrder.status !== "CANCELLED");
    const data = await this.admin<{ fulfillmentCreate: { userErrors: unknown[] } }>(
      "mutation Ship($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } } }",
      {
        fulfillment: {
          lineItemsByFulfillmentOrder: open.map((fulfillmentOrder) => ({ fulfillmentOrderId: fulfillmentOrder.id })),
          trackingInfo: { number: "1Z-COLLECTION" },
        },
      },
    );
    return data.fulfillmentCreate.userErrors;
  }

  /** The main order's payment terms as Shopify holds them: their type and the due date of their schedule in the shop's zone. */
  async mainOrderTerms(): Promise<{ type: string; dueDate: CalendarDate | null } | null> {
    const terms = (await this.mainOrder()).paymentTerms;
    if (!terms) return null;
    const dueAt = terms.schedules[0]?.dueAt;
    return { type: terms.type, dueDate: dueAt ? calendarDateAt(new Date(dueAt), this.shop.ianaTimezone) : null };
  }

  /** The main order's fulfillment orders: status and the reasons of their holds. */
  async fulfillmentState(): Promise<{ status: string; holds: string[] }[]> {
    return (await this.mainOrder()).fulfillmentOrders.map((fulfillmentOrder) => ({
      status: fulfillmentOrder.status,
      holds: fulfillmentOrder.holds.map((hold) => hold.reason),
    }));
  }

  /** Staff cancel the contract from its page, choosing what happens to the money paid. */
  cancel(settlement: CancelSettlement, reason = "the buyer withdrew"): Promise<void> {
    return cancelContract(this.deps, this.shop.domain, { contractId: this.requireContractId(), reason, settlement, actor: STAFF });
  }

  /** Staff change the schedule from the contract page: the open stages' rows, or another plan. */
  editSchedule(change: ScheduleEditRequest["change"], reason = "the buyer asked for more time"): Promise<StoredContract> {
    return editSchedule(this.deps, this.shop.domain, { contractId: this.requireContractId(), change, reason, actor: STAFF });
  }

  /** Staff refund money from the contract page. */
  refund(amount: bigint, reason = "goodwill"): Promise<void> {
    return refundContract(this.deps, this.shop.domain, { contractId: this.requireContractId(), amount, reason, actor: STAFF });
  }

  /** Staff refund part of an order's first card payment in Shopify's own admin (refundCreate), not through the app. */
  async refundInShopify(orderId: string, amount: string): Promise<void> {
    const order = this.state().orders.find((candidate) => candidate.id === orderId);
    const sale = order?.transactions.find((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE") && !t.manual);
    if (!order || !sale) throw new Error(`order ${orderId} has no card payment to refund\n${await this.diagnostics()}`);
    const data = await this.admin<{ refundCreate: { userErrors: unknown[] } }>(
      "mutation Refund($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }",
      { input: { orderId, transactions: [{ orderId, parentId: sale.id, amount, gateway: sale.gateway, kind: "REFUND" }] } },
    );
    if (data.refundCreate.userErrors.length > 0) throw new Error(`refundCreate refused: ${JSON.stringify(data.refundCreate.userErrors)}`);
  }

  /** An order of the shop as the emulator holds it. */
  order(orderId: string): Order {
    const order = this.state().orders.find((candidate) => candidate.id === orderId);
    if (!order) throw new Error(`order ${orderId} is not in Shopify`);
    return order;
  }

  // ─── Buyer ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Pays stage `position` from the link the app emailed for it: the source draft's invoice (native deposit),
   * the stage draft's invoice, or the main order's payment link.
   */
  async payStage(position: number, options: { readonly saveCard?: boolean } = {}): Promise<void> {
    const contract = await this.contract();
    const stage = stageAt(contract, position);
    const draftId = stage.stageDraftOrderId ?? (position === 1 && contract.mode === "native" ? contract.sourceDraftOrderId : undefined);
    const draftInvoice = draftId ? this.emailsFor("draft_order_invoice", draftId).at(-1) : undefined;
    const orderInvoice = contract.mainOrderId ? this.emailsFor("order_invoice", contract.mainOrderId).at(-1) : undefined;
    const link = this.mailbox ? await this.waitForAppEmailedPayLink(position) : (draftInvoice?.url ?? orderInvoice?.url);
    if (!link) throw new Error(`no payment link was emailed for stage ${position}\n${await this.diagnostics()}`);
    const response = await payEmailedLink(this.emulator.url, link, { card: "approve", saveCard: options.saveCard ?? false });
    if (!response.ok)
      throw new Error(`paying stage ${position} at ${link} failed: HTTP ${response.status} ${await response.text()}\n${await this.diagnostics()}`);
  }

  /** The app's email arrives a moment after the link goes out (a worker sends it): the buyer waits for it. */
  private async waitForAppEmailedPayLink(position: number): Promise<string | undefined> {
    const deadline = Date.now() + APP_EMAIL_WAIT_MS;
    for (;;) {
      const link = await this.appEmailedPayLink(position);
      if (link || Date.now() > deadline) return link;
      await sleep(POLL_MS);
    }
  }

  /**
   * The pay link of the app's latest email about stage `position` that the buyer received, read out of its HTML as
   * the buyer would click it: the one link to the emulator's checkout.
   */
  private async appEmailedPayLink(position: number): Promise<string | undefined> {
    const rows = await this.deps.db.outgoingEmail.findMany({ where: { contractId: this.requireContractId(), status: "sent" }, orderBy: { createdAt: "asc" } });
    const aboutStage = rows.filter((row) => (JSON.parse(row.payload) as { stagePosition?: number }).stagePosition === position);
    for (const row of aboutStage.reverse()) {
      const received = this.mailbox!.received.find((mail) => mail.messageId === row.messageId);
      const link = received
        ? [...received.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&")).find((href) => href.startsWith(this.emulator.url))
        : undefined;
      if (link) return link;
    }
    return undefined;
  }

  /** How the saved card answers its next charges (a decline, then approval again). */
  setSavedCardOutcome(outcome: CardOutcome): void {
    const mandates = this.state().mandates;
    if (mandates.length === 0) throw new Error("the buyer has no saved card");
    for (const mandate of mandates) mandate.outcome = outcome;
  }

  // ─── Time ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Moves the emulator's clock (and so the worker's) to 10:00 on a calendar date in the shop's zone, and sweeps. */
  async advanceToDate(date: CalendarDate | string): Promise<void> {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    await this.advanceTo(new Date(new TZDate(year, month - 1, day, 10, 0, 0, this.shop.ianaTimezone).getTime()));
  }

  /** Moves the clock to an instant and asks for the sync of every contract with work due, as the worker's sweep does. */
  async advanceTo(instant: Date): Promise<void> {
    this.emulator.store.clock.advanceTo(instant);
    await requestDueSyncs(this.deps.db, this.deps.jobs, this.shop.domain, this.emulator.store.clock.now(), "the test moved the clock");
  }

  today(): CalendarDate {
    return calendarDateAt(this.emulator.store.clock.now(), this.shop.ianaTimezone);
  }

  // ─── Reading state ────────────────────────────────────────────────────────────────────────────────────

  async contract(): Promise<StoredContract> {
    const contract = await getContract(this.deps.db, this.shop.domain, this.requireContractId());
    if (!contract) throw new Error(`contract ${this.contractId} disappeared`);
    return contract;
  }

  state(): ShopState {
    return this.emulator.store.shop(this.shop.domain);
  }

  /** Transactions on every order of the shop with the given status (each run has one contract per emulator). */
  transactions(status: "SUCCESS" | "FAILURE"): { orderId: string; kind: string; amount: string; manual: boolean; mandateId?: string; createdAt: string }[] {
    return this.state().orders.flatMap((order) =>
      order.transactions
        .filter((transaction) => transaction.status === status)
        .map((transaction) => ({
          orderId: order.id,
          kind: transaction.kind,
          amount: transaction.amount,
          manual: transaction.manual,
          createdAt: transaction.createdAt,
          ...(transaction.mandateId ? { mandateId: transaction.mandateId } : {}),
        })),
    );
  }

  /**
   * Waits until the app has finished reacting: no webhook in flight, no Shopify payment job or app job due,
   * no parked job, and the contract, ledger and Shopify state unchanged for a quiet spell.
   */
  async settle(step: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let fingerprint = "";
    let unchangedSince = Date.now();
    for (;;) {
      const parked = await this.deps.db.parkedJob.findMany();
      if (parked.length > 0) {
        throw new Error(
          `${this.run.name}, ${step}: ${parked.length} job(s) parked: ${parked.map((job) => `${job.kind} (${job.reason})`).join("; ")}\n${await this.diagnostics()}`,
        );
      }
      const pending = await this.pendingWork();
      const current = await this.fingerprint();
      if (current !== fingerprint) {
        fingerprint = current;
        unchangedSince = Date.now();
      } else if (pending.length === 0 && Date.now() - unchangedSince >= QUIET_MS) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${this.run.name}, ${step}: not settled within ${timeoutMs} ms; pending: ${pending.join("; ") || "none (state kept changing)"}\n${await this.diagnostics()}`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Stops the chaos (one worker stays), lets everything settle, and checks the end state. */
  async endState(expected: ExpectedEnd): Promise<EndState> {
    await this.worker.stopChaos();
    await this.settle("end");
    const problems: string[] = [];
    const contract = await this.contract();
    const stages = contract.stages;

    if (contract.status !== "completed") problems.push(`contract status is ${contract.status}, not completed`);
    for (const stage of stages) {
      if (stage.status !== "paid") problems.push(`stage ${stage.position} is ${stage.status}, not paid`);
      if (stage.paidMinor !== stage.amountMinor) problems.push(`stage ${stage.position} has ${stage.paidMinor} paid of ${stage.amountMinor}`);
    }

    const ledger = await this.deps.db.ledgerEntry.findMany({ where: { shop: this.shop.domain, contractId: contract.id } });
    const ledgerNet = ledger.reduce((sum, entry) => (entry.kind === "refund" ? sum - entry.amountMinor : sum + entry.amountMinor), 0n);
    if (ledgerNet !== contract.totalMinor) problems.push(`ledger nets ${ledgerNet}, the order total is ${contract.totalMinor}`);
    if (new Set(ledger.map((entry) => entry.shopifyRef)).size !== ledger.length) problems.push("two ledger entries share a Shopify reference");
    if (ledger.length !== stages.length) problems.push(`${ledger.length} ledger entries for ${stages.length} stages (one payment each expected)`);
    for (const stage of stages) {
      const entries = ledger.filter((entry) => entry.stageId === stage.id);
      const net = entries.reduce((sum, entry) => (entry.kind === "refund" ? sum - entry.amountMinor : sum + entry.amountMinor), 0n);
      if (net !== stage.amountMinor)
        problems.push(`stage ${stage.position}: ledger holds ${net} in ${entries.length} entries, the stage is ${stage.amountMinor}`);
    }

    const state = this.state();
    const mainOrder = contract.mainOrderId ? state.orders.find((order) => order.id === contract.mainOrderId) : undefined;
    const mainOrderStatus = mainOrder ? displayFinancialStatus(mainOrder) : null;
    if (!mainOrder) problems.push(`the main order ${contract.mainOrderId ?? "(none recorded)"} is not in Shopify`);
    else if (mainOrderStatus !== "PAID") problems.push(`the main order ${mainOrder.name} is ${mainOrderStatus}, not PAID`);

    // Money that moved in Shopify: card sales and captures, at checkout or on a saved card. Manual payments
    // are the app's mirrors of those onto the main order, not money of their own.
    const succeeded = this.transactions("SUCCESS");
    const payments = succeeded.filter((transaction) => (transaction.kind === "SALE" || transaction.kind === "CAPTURE") && !transaction.manual);
    if (payments.length !== stages.length) problems.push(`${payments.length} Shopify payments for ${stages.length} stages`);
    const currency = currencyFor(contract.currency);
    const paidAmounts = payments.map((payment) => toMinorUnits(payment.amount, currency, "amount")).sort(compareBigInt);
    const stageAmounts = stages.map((stage) => stage.amountMinor).sort(compareBigInt);
    if (paidAmounts.join() !== stageAmounts.join())
      problems.push(`Shopify payments of ${paidAmounts.join(", ")} do not match the stages' ${stageAmounts.join(", ")}`);
    const mandateCharges = payments.filter((payment) => payment.mandateId);
    for (const [position, charges] of this.mandateChargesByStage()) {
      if (Number.isNaN(position)) problems.push(`${charges} saved-card charge(s) carry an idempotency key that names no stage`);
      else if (charges > 1) problems.push(`stage ${position}'s saved card was charged ${charges} times`);
    }
    const failed = this.transactions("FAILURE");
    if (failed.length !== expected.declines) problems.push(`${failed.length} failed transactions, ${expected.declines} declines expected`);

    const draftInvoices = this.emulator.store.outbox.filter((email) => email.shop === this.shop.domain && email.kind === "draft_order_invoice");
    for (const [draftId, count] of countBy(draftInvoices.map((email) => email.resourceId))) {
      if (count > 1) problems.push(`draft ${draftId}'s invoice was emailed ${count} times`);
    }
    const emails = await this.deps.db.outgoingEmail.findMany({ where: { contractId: contract.id } });
    const emailsRetried = emails.filter((email) => email.attempts > 1).length;
    const emailCounts = this.mailbox
      ? this.checkAppEmails(emails, draftInvoices.length, problems)
      : { appEmails: emails.length, appEmailDeliveries: 0, resentMessages: 0 };
    const openDrafts = state.draftOrders.filter((draft) => draft.status !== "COMPLETED");
    for (const draft of openDrafts) problems.push(`draft order ${draft.name} (${draft.id}) is left ${draft.status}`);
    const knownOrders = new Set([contract.mainOrderId, ...stages.map((stage) => stage.stageOrderId)]);
    for (const order of state.orders) if (!knownOrders.has(order.id)) problems.push(`order ${order.name} (${order.id}) belongs to no stage`);

    const jobs = await this.database.storedJobs();
    // A buyer-email job whose worker was killed may end failed (pg-boss cannot retry it while the sweep already sent
    // its email's next job); the outbox is what records the email, and checkAppEmails checks every one was sent once.
    // A keyed job whose worker died while an earlier crash of its key held the key's retry place ends failed in
    // pg-boss; its dead-letter copy completing means the app sent it again (job-queue.server.ts recordDeadJob).
    const handedOn = new Set(jobs.filter((candidate) => candidate.sourceId !== null && candidate.state === "completed").map((candidate) => candidate.sourceId));
    for (const job of jobs.filter((candidate) => candidate.state === "failed" && candidate.kind !== BUYER_EMAIL_JOB && !handedOn.has(candidate.id)))
      problems.push(`job ${job.kind} ended failed`);
    for (const job of await this.deps.db.parkedJob.findMany()) problems.push(`job ${job.kind} was parked: ${job.reason}`);
    const events = this.emulator.webhooks.events;
    const attempts = events.flatMap((event) => event.deliveries.flatMap((delivery) => delivery.attempts));
    for (const event of events) {
      if (event.deliveries.some((delivery) => delivery.gaveUp)) problems.push(`Shopify gave up delivering ${event.topic} ${event.id}`);
    }
    // Every event the app acknowledged is stored once and becomes one job, however often it arrived.
    const acknowledged = events.filter((event) => event.deliveries.some((delivery) => delivery.attempts.some((attempt) => attempt.ok))).length;
    const storedEvents = await this.deps.db.webhookEvent.count();
    const webhookJobs = jobs.filter((job) => job.kind.startsWith("webhook:")).length;
    if (storedEvents !== acknowledged) problems.push(`${storedEvents} webhook events stored for ${acknowledged} distinct events acknowledged`);
    if (webhookJobs !== acknowledged) problems.push(`${webhookJobs} webhook jobs for ${acknowledged} distinct events acknowledged`);
    const duplicates = attempts.filter((attempt) => attempt.duplicate).length;
    if (this.run.conditions !== "clean" && duplicates === 0) problems.push("the webhook faults sent no duplicate: the run did not test them");
    if (this.run.conditions === "faults+kills" && this.worker.kills === 0) problems.push("the worker was never killed: the run did not test crashes");

    const counts: EndStateCounts = {
      scenario: this.run.name,
      seed: this.run.seed,
      stages: stages.length,
      paidStages: stages.filter((stage) => stage.status === "paid").length,
      contractStatus: contract.status,
      totalMinor: String(contract.totalMinor),
      ledgerNetMinor: String(ledgerNet),
      ledgerEntries: ledger.length,
      shopifyPayments: payments.length,
      mandateCharges: mandateCharges.length,
      failedTransactions: failed.length,
      manualPayments: succeeded.filter((transaction) => transaction.manual).length,
      mainOrderStatus,
      orders: state.orders.length,
      draftOrders: state.draftOrders.length,
      openDraftOrders: openDrafts.length,
      draftInvoiceEmails: draftInvoices.length,
      ...emailCounts,
      emailsRetried,
      webhookEvents: events.length,
      deliveriesReceived: this.receiver.received,
      repeatedDeliveriesReceived: this.receiver.received - acknowledged,
      duplicates,
      failedFirstAttempts: attempts.filter((attempt) => attempt.error?.startsWith("fault injection")).length,
      kills: this.worker.kills,
      jobs: jobs.length,
      jobsRunMoreThanOnce: jobs.filter((job) => job.retryCount > 0).length,
      seconds: Math.round((Date.now() - this.startedAt) / 100) / 10,
    };
    return { counts, problems };
  }

  /**
   * Every email the app queued reached the buyer, as one message each: sent, received under its Message-ID, never
   * under a second one; every stage's link went out once; Shopify sent no invoice email of its own. A worker killed
   * after the server took a message but before recording it resends the same Message-ID (counted as resent: mail
   * clients show it once).
   */
  private checkAppEmails(
    emails: readonly { status: string; messageId: string; kind: string; dedupeKey: string }[],
    shopifyInvoices: number,
    problems: string[],
  ) {
    const received = this.mailbox!.received;
    for (const email of emails) {
      if (email.status !== "sent") problems.push(`the ${email.kind} email ${email.dedupeKey} is ${email.status}, not sent`);
      if (!received.some((mail) => mail.messageId === email.messageId)) problems.push(`the ${email.kind} email ${email.dedupeKey} never reached the mailbox`);
    }
    const ours = new Set(emails.map((email) => email.messageId));
    for (const mail of received)
      if (!ours.has(mail.messageId)) problems.push(`the mailbox received "${mail.subject}" under ${mail.messageId}, which no queued email has`);
    const invoices = emails.filter((email) => email.kind === "stageInvoice");
    const contractStages = new Set(invoices.map((email) => email.dedupeKey.split(":")[1]));
    if (contractStages.size !== invoices.length) problems.push(`${invoices.length} stage invoice emails for ${contractStages.size} stages`);
    if (shopifyInvoices > 0) problems.push(`Shopify emailed ${shopifyInvoices} invoice(s) though the app emails the links`);
    const deliveries = countBy(received.map((mail) => mail.messageId));
    return { appEmails: emails.length, appEmailDeliveries: received.length, resentMessages: [...deliveries.values()].filter((count) => count > 1).length };
  }

  /**
   * Successful saved-card charges per stage position, read from the idempotency keys the app gave Shopify
   * (contract:position:attempt): a stage charged twice under two attempt keys shows up here. A key of another
   * shape is counted under NaN, which the caller reports.
   */
  private mandateChargesByStage(): Map<number, number> {
    const state = this.state();
    const positions = new Map<number, number>();
    for (const record of state.mandatePayments) {
      const order = state.orders.find((candidate) => candidate.id === record.orderId);
      const succeeded = order?.transactions.some(
        (transaction) => transaction.paymentReferenceId === record.paymentReferenceId && transaction.status === "SUCCESS",
      );
      if (!succeeded) continue;
      const position = Number(/:(\d+):\d+$/.exec(record.idempotencyKey)?.[1]);
      positions.set(position, (positions.get(position) ?? 0) + 1);
    }
    return positions;
  }

  private async pendingWork(): Promise<string[]> {
    const pending: string[] = [];
    const idle = await Promise.race([this.emulator.waitForWebhooksIdle().then(() => true), sleep(0).then(() => false)]);
    if (!idle) pending.push("webhook deliveries in flight");
    const shopifyJobs = [...this.emulator.store.shops.values()].flatMap((shop) => shop.jobs.filter((job) => !job.done));
    if (shopifyJobs.length > 0) pending.push(`${shopifyJobs.length} Shopify payment job(s) queued`);
    // Retries here come seconds apart (TEST_RETRY), so every job not finished is work still to come.
    const jobs = (await this.database.storedJobs()).filter((job) => ["created", "retry", "active"].includes(job.state));
    if (jobs.length > 0) pending.push(`app jobs ${jobs.map((job) => `${job.kind}:${job.state}`).join(", ")}`);
    const unsent = await this.deps.db.outgoingEmail.count({ where: { status: { in: ["pending", "sending"] } } });
    if (unsent > 0) pending.push(`${unsent} buyer email(s) not sent yet`);
    return pending;
  }

  /** Everything a step can change, in the database and in Shopify; not the job table, which sweeps keep adding to. */
  private async fingerprint(): Promise<string> {
    const contracts = await this.deps.db.contract.findMany({
      where: { shop: this.shop.domain },
      select: {
        status: true,
        mainOrderId: true,
        stages: {
          select: {
            status: true,
            paidMinor: true,
            stageDraftOrderId: true,
            stageOrderId: true,
            dueDate: true,
            attempts: true,
            nextAttemptAt: true,
            chargeKey: true,
          },
        },
      },
    });
    const ledgerEntries = await this.deps.db.ledgerEntry.count({ where: { shop: this.shop.domain } });
    const state = this.state();
    const shopify = {
      orders: state.orders.map((order) => [
        order.id,
        order.transactions.length,
        order.fulfillments.length,
        order.fulfillmentOrders.map((fo) => `${fo.status}:${fo.holds.length}`),
        order.paymentTerms?.schedules.map((schedule) => `${schedule.dueAt}:${schedule.completedAt}`),
      ]),
      drafts: state.draftOrders.map((draft) => `${draft.id}:${draft.status}:${draft.updatedAt}`),
      mandatePayments: state.mandatePayments.length,
      outbox: this.emulator.store.outbox.length,
      webhookEvents: this.emulator.webhooks.events.length,
    };
    return JSON.stringify({ contracts, ledgerEntries, shopify }, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
  }

  /** The contract, unfinished jobs, recent webhooks, Shopify's orders and emails, and the worker's last words. */
  async diagnostics(): Promise<string> {
    const contract = this.contractId ? await getContract(this.deps.db, this.shop.domain, this.contractId) : null;
    const stages = (contract?.stages ?? []).map(
      (stage) =>
        `  stage ${stage.position} ${stage.kind} ${stage.status} paid ${stage.paidMinor}/${stage.amountMinor} due ${stage.dueDate} draft ${stage.stageDraftOrderId} order ${stage.stageOrderId} attempts ${stage.attempts} next ${stage.nextAttemptAt?.toISOString()} error ${stage.lastError} parked ${stage.parkedReason}`,
    );
    const jobs = (await this.database.storedJobs()).filter((job) => job.state !== "completed").slice(0, 25);
    const events = this.emulator.webhooks.events.slice(-15).map((event) => {
      const attempts = event.deliveries.flatMap((delivery) =>
        delivery.attempts.map((attempt) => `${attempt.status ?? attempt.error}${attempt.duplicate ? "(dup)" : ""}`),
      );
      return `  ${event.triggeredAt} ${event.topic} ${JSON.stringify(event.subject)} attempts [${attempts.join(", ")}]${event.error ? ` error ${event.error}` : ""}`;
    });
    const orders = this.state().orders.map(
      (order) =>
        `  ${order.name} ${order.id} ${displayFinancialStatus(order)} total ${order.totalPrice}: ${order.transactions.map((t) => `${t.kind}/${t.status}/${t.amount}${t.manual ? "/manual" : ""}${t.mandateId ? "/mandate" : ""}`).join(", ")}; fulfillment ${order.fulfillmentOrders.map((fo) => `${fo.status}[${fo.holds.map((hold) => hold.reason).join(",")}]`).join(" ")}`,
    );
    const drafts = this.state().draftOrders.map((draft) => `  ${draft.name} ${draft.id} ${draft.status}`);
    const outbox = this.emulator.store.outbox.slice(-10).map((email) => `  ${email.sentAt} ${email.kind} ${email.resourceId} ${email.url ?? ""}`);
    return [
      `contract ${contract?.id} ${contract?.mode} ${contract?.status} main order ${contract?.mainOrderId} total ${contract?.totalMinor}`,
      ...stages,
      `unfinished jobs (${jobs.length}):`,
      ...jobs.map((job) => `  ${job.kind} ${job.state} attempts ${job.retryCount + 1}`),
      `emulator now ${this.emulator.store.clock.nowIso()}; last webhooks:`,
      ...events,
      "orders:",
      ...orders,
      "draft orders:",
      ...drafts,
      "last emails:",
      ...outbox,
      "worker log:",
      this.worker.logTail(40),
    ].join("\n");
  }

  private async mainOrder(): Promise<Order> {
    const { mainOrderId } = await this.contract();
    const order = mainOrderId ? this.state().orders.find((candidate) => candidate.id === mainOrderId) : undefined;
    if (!order) throw new Error(`the main order ${mainOrderId ?? "(not recorded yet)"} is not in Shopify\n${await this.diagnostics()}`);
    return order;
  }

  private emailsFor(kind: OutboxEmail["kind"], resourceId: string): OutboxEmail[] {
    return this.emulator.store.outbox.filter((email) => email.shop === this.shop.domain && email.kind === kind && email.resourceId === resourceId);
  }

  private requireContractId(): string {
    if (!this.contractId) throw new Error("no plan has been attached yet");
    return this.contractId;
  }

  /** A raw Admin API call as staff's admin would make it. */
  private admin<Data>(query: string, variables: Record<string, unknown>): Promise<Data> {
    return staffAdminRequest<Data>(this.emulator.adminUrl(), this.shop.accessToken, query, variables);
  }
}

/** Starts a run, hands it to the scenario, prints what the end state counted, and always tears everything down. */
export async function withCollectionHarness(run: CollectionRun, scenario: (harness: CollectionHarness) => Promise<EndState>): Promise<EndState> {
  return withHarness(run, async (harness) => {
    const end = await scenario(harness);
    console.log(JSON.stringify(end.counts));
    return end;
  });
}

/** Starts a run, hands it to the scenario, and always tears everything down; for scenarios that end elsewhere than paid in full. */
export async function withHarness<T>(run: CollectionRun, scenario: (harness: CollectionHarness) => Promise<T>): Promise<T> {
  const harness = await CollectionHarness.start(run);
  try {
    return await scenario(harness);
  } catch (error) {
    // A failed expectation mid-scenario says what differed; the state around it says why.
    console.error(`${run.name} failed; state at the failure:\n${await harness.diagnostics()}`);
    throw error;
  } finally {
    await harness.stop();
  }
}

export function stageAt(contract: StoredContract, position: number): StoredStage {
  const stage = contract.stages.find((candidate) => candidate.position === position);
  if (!stage) throw new Error(`the contract has no stage ${position}`);
  return stage;
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** FNV-1a of the run's name: a fixed seed per run. */
export function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (const character of name) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
