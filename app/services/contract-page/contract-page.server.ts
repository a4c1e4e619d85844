import type { ContractPageData, MilestoneView, ShopifyRecordLink, StageView } from "../../components/contract/contract-view";
import { contractAttention, isCoveredByLedger, isStillOwed, shippingHeldFor, stageAttention } from "../../domain/contract/contract-attention";
import type { Cancellation } from "../../domain/contract/contract-state";
import { interestSoFar, isLateFeeStage } from "../../domain/contract/late-fee-stage";
import { MAX_CHARGE_ATTEMPTS, PAYMENT_HOLD_HANDLE } from "../../domain/contract/next-step";
import { refusalOf } from "../../domain/contract/staff-stage-actions";
import { calendarDateAt, type CalendarDate } from "../../domain/dates/calendar-date";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { describeStageTiming } from "../../domain/schedule/stage-timing";
import { formatMoney, formatShortDate } from "../../locale/format";
import { paymentTermsWords, termsFormat, type TermsFormat } from "../../locale/payment-terms-words";
import { stageProblemWords } from "../../locale/stage-problem-words";
import { listAudit } from "../../models/audit-log.server";
import { getContract, type StoredContract, type StoredStage } from "../../models/contracts.server";
import { customerPageUrl } from "../../models/customer-history.server";
import { contractBalance, isMoneyIn, listLedgerEntries, type LedgerEntry } from "../../models/ledger.server";
import { listContractEmails } from "../../models/outgoing-emails.server";
import { getPlan } from "../../models/plans.server";
import { shopFormat } from "../../models/shop-profile.server";
import { shopifyAdminUrl } from "../../shopify/admin-links";
import { orderQuery } from "../../shopify/operations/order-query";
import { shopQuery } from "../../shopify/operations/shop-query";
import type { OrderQuery } from "../../types/admin.generated";
import { stageActionSubject } from "../collection/contract-actions.server";
import { contractTimeline } from "../contract-timeline";
import type { ServiceDeps } from "../service-deps.server";

export interface ContractPageViewer {
  readonly shop: string;
  readonly deps: ServiceDeps;
  /** Against the local emulator, which has no admin pages to link to. */
  readonly localMode: boolean;
}

/**
 * Everything the contract page shows, read fresh on every load (so after every action): the contract with its
 * stages' badges, payments and problems in words, links to its Shopify records, what Shopify shows of the saved
 * card and the shipping hold, the timeline and the buyer's emails. Null for a contract not in this shop.
 */
export async function contractPageData(viewer: ContractPageViewer, contractId: string): Promise<ContractPageData | null> {
  const { shop, deps } = viewer;
  const contract = await getContract(deps.db, shop, contractId);
  if (!contract) return null;
  const [format, plan, balance, audit, ledger, emails, shopify] = await Promise.all([
    shopFormat(deps, shop),
    getPlan(deps.db, shop, contract.planId),
    contractBalance(deps.db, shop, contract.id),
    listAudit(deps.db, shop, { contractId: contract.id, limit: 500 }),
    listLedgerEntries(deps.db, shop, contract.id),
    listContractEmails(deps.db, shop, contract.id),
    readShopify(deps, shop, contract),
  ]);
  const currency = currencyFor(contract.currency);
  const decimal = (minor: bigint) => formatMinorUnits(minor, currency);
  const money = (minor: bigint) => formatMoney(minor, contract.currency, format.locale);
  const today = calendarDateAt(deps.now(), contract.timeZone);
  const open = contract.status !== "cancelled" && contract.status !== "completed";
  const received = balance?.receivedMinor ?? 0n;
  const refunded = balance?.refundedMinor ?? 0n;
  const held = received - refunded;
  const link = (label: string, gid: string): ShopifyRecordLink => ({ label, url: viewer.localMode ? null : shopifyAdminUrl(shop, gid) });
  const heldFor = shippingHeldFor(contract);
  const heldStage = contract.stages.find((stage) => stage.position === heldFor);
  const terms = termsFormat(contract.currency, format.locale);
  const stages = contract.stages.map((stage) => stageView(contract, stage, { today, decimal, link, ledger, terms, timeZone: contract.timeZone }));

  return {
    contract: {
      id: contract.id,
      draftName: contract.sourceDraftName,
      customer: contract.customerName ?? contract.customerEmail,
      customerUrl: customerPageUrl(contract.customerId),
      planName: plan?.name ?? null,
      badge: contractAttention(contract, today),
      currency: contract.currency,
      total: decimal(contract.totalMinor),
      paid: decimal(received),
      refunded: refunded > 0n ? decimal(refunded) : null,
      held: decimal(held),
      holdsMoney: held > 0n,
      outstanding: decimal(balance?.outstandingMinor ?? contract.totalMinor),
      receivedOnCancelled: balance && balance.receivedOnCancelledMinor > 0n ? decimal(balance.receivedOnCancelledMinor) : null,
      settlement: contract.cancellation ? settlementText(contract.cancellation, money) : null,
      shopifyShows: mainOrderText(contract.mode, shopify.partialPaymentsAllowed),
      sourceDraft: link(`Draft order ${contract.sourceDraftName ?? ""}`.trim(), contract.sourceDraftOrderId),
      mainOrder: contract.mainOrderId ? link(`Order ${contract.mainOrderName ?? ""}`.trim(), contract.mainOrderId) : null,
      savedCard: shopify.savedCard,
      shippingHold: heldStage ? { position: heldStage.position, title: heldStage.title, placed: shopify.holdPlaced } : null,
      can: {
        editSchedule: contract.status === "active" || contract.status === "awaitingDeposit",
        refund: held > 0n && contract.status !== "cancelled" && contract.status !== "pending",
        cancel: open,
      },
      milestones: open ? milestonesToMark(contract, decimal) : [],
      settling:
        stages.some((stage) => stage.badge === "paymentRecorded") ||
        contract.stages.some((stage) => waitsOnMarkedMilestone(contract, stage) || chargeUnderWay(stage, deps.now())),
    },
    stages,
    timeline: contractTimeline(audit, {
      money,
      date: (date) => formatShortDate(date, format.locale),
      stagePosition: (stageId) => contract.stages.find((stage) => stage.id === stageId)?.position ?? null,
    }).reverse(),
    emails: emails.map((email) => ({
      id: email.id,
      kind: email.kind,
      stagePosition: "stagePosition" in email.email ? email.email.stagePosition : null,
      subject: email.subject,
      recipient: email.recipient,
      status: email.status,
      attempts: email.attempts,
      lastError: email.lastError,
      queuedAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
      nextAttemptAt: email.nextAttemptAt?.toISOString() ?? null,
    })),
    today,
  };
}

interface StageViewContext {
  readonly today: CalendarDate;
  readonly decimal: (minor: bigint) => string;
  readonly link: (label: string, gid: string) => ShopifyRecordLink;
  readonly ledger: readonly LedgerEntry[];
  readonly terms: TermsFormat;
  /** The contract's zone: the calendar day each payment arrived. */
  readonly timeZone: string;
}

/** "Interest so far: 3.20 (charged once the stage is paid)": what an overdue stage's interest has run up to today. */
function interestWords(stage: StoredStage, context: StageViewContext): string[] {
  const payments = context.ledger
    .filter((entry) => entry.stageId === stage.id && isMoneyIn(entry.kind))
    .map((entry) => ({ paidOn: calendarDateAt(entry.occurredAt, context.timeZone), amount: entry.amountMinor }));
  const owedSoFar = interestSoFar(
    { amount: stage.amountMinor, dueDate: stage.dueDate, payments, ...(stage.paymentTerms.lateFee ? { lateFee: stage.paymentTerms.lateFee } : {}) },
    context.today,
  );
  return owedSoFar ? [`Interest so far: ${context.terms.money(owedSoFar)} (charged once the stage is paid)`] : [];
}

function stageView(contract: StoredContract, stage: StoredStage, context: StageViewContext): StageView {
  const badge = stageAttention(stage, contract.status, context.today);
  const owed = stage.amountMinor > stage.paidMinor ? stage.amountMinor - stage.paidMinor : 0n;
  const stillOwed = isStillOwed(stage);
  const subject = stageActionSubject(contract, stage);
  const declined = badge === "paymentFailed";
  return {
    position: stage.position,
    title: stage.title,
    label: isLateFeeStage(stage) ? stage.title : `${stage.position}. ${stage.title}`,
    amount: context.decimal(stage.amountMinor),
    owed: context.decimal(owed),
    refunded: stage.refundedMinor > 0n ? context.decimal(stage.refundedMinor) : null,
    status: stage.status,
    badge,
    due: dueView(contract, stage),
    terms: stillOwed ? [...paymentTermsWords(stage.paymentTerms, context.terms), ...interestWords(stage, context)] : [],
    invoiceNumber: stage.invoiceNumber,
    invoicePdfUrl: stage.invoiceNumber ? `/app/contracts/${contract.id}/invoices/${stage.position}.pdf` : null,
    payUrl: stillOwed ? stage.payUrl : null,
    payments: context.ledger
      // What settled the stage: its money, and an early-payment discount that money earned.
      .filter((entry) => entry.stageId === stage.id && entry.kind !== "refund")
      .map((entry) => ({
        on: calendarDateAt(entry.occurredAt, contract.timeZone),
        amount: context.decimal(entry.amountMinor),
        method: paymentMethodWords(entry, stage),
        reference: entry.reference,
      })),
    problem: !stillOwed ? null : stage.parkedReason ? stageProblemWords(stage.parkedReason) : declined ? declinedWords(stage) : null,
    nextChargeAt: declined && stage.attempts < MAX_CHARGE_ATTEMPTS ? (stage.nextAttemptAt?.toISOString() ?? null) : null,
    // A stage paid another way has its draft deleted in Shopify: only an open stage's draft is linked.
    shopifyRecord: stage.stageOrderId
      ? context.link(`Order of stage ${stage.position}`, stage.stageOrderId)
      : stage.stageDraftOrderId && stillOwed
        ? context.link(`Draft order of stage ${stage.position}`, stage.stageDraftOrderId)
        : null,
    can: {
      recordPayment: refusalOf("recordPayment", subject) === null,
      resendLink: refusalOf("resendLink", subject) === null,
      retryCharge: refusalOf("retryCharge", subject) === null,
      waiveFee: refusalOf("waiveFee", subject) === null,
    },
    // A fresh key per page load: the offline payment form sends it, so submitting it twice records the payment once.
    paymentKey: crypto.randomUUID(),
  };
}

/** A date, or words for a stage paid at checkout or one still waiting for its event. */
function dueView(contract: StoredContract, stage: StoredStage): StageView["due"] {
  if (stage.position === 1 && contract.firstStageAtCheckout && stage.dueRule.trigger === undefined) return { date: null, words: "At checkout" };
  if (stage.dueDate) return { date: stage.dueDate, words: null };
  const trigger = stage.dueRule.trigger?.trigger;
  if (trigger?.event === "milestone" && waitsOnMarkedMilestone(contract, stage)) {
    return { date: null, words: `“${trigger.milestone}” was marked: the stage is being dated and invoiced` };
  }
  const words = describeStageTiming({ atCheckout: false, dueDate: null, trigger: stage.dueRule.trigger });
  return { date: null, words: words.charAt(0).toUpperCase() + words.slice(1) };
}

/** A stage dated by a milestone staff already marked, which the sync has not dated yet. */
function waitsOnMarkedMilestone(contract: StoredContract, stage: StoredStage): boolean {
  const trigger = stage.dueRule.trigger?.trigger;
  return stage.dueDate === null && trigger?.event === "milestone" && contract.orderSnapshot.events.milestones?.[trigger.milestone] !== undefined;
}

/**
 * An owed stage's saved-card charge whose outcome the page cannot show yet: asked of Shopify (its key is set; a paid
 * stage keeps it), or a declined charge staff asked to retry now, which the sync has not charged yet.
 */
function chargeUnderWay(stage: StoredStage, now: Date): boolean {
  if (!isStillOwed(stage)) return false;
  return stage.chargeKey !== null || (stage.status === "failed" && stage.nextAttemptAt !== null && stage.nextAttemptAt <= now);
}

/** Milestones not marked yet that undated stages wait for, each with its stages. */
function milestonesToMark(contract: StoredContract, decimal: (minor: bigint) => string): MilestoneView[] {
  const byName = new Map<string, MilestoneView["stages"][number][]>();
  for (const stage of contract.stages) {
    const trigger = stage.dueRule.trigger?.trigger;
    if (stage.dueDate !== null || trigger?.event !== "milestone" || waitsOnMarkedMilestone(contract, stage)) continue;
    if (stage.status === "cancelled" || isCoveredByLedger(stage)) continue;
    byName.set(trigger.milestone, [
      ...(byName.get(trigger.milestone) ?? []),
      { position: stage.position, title: stage.title, amount: decimal(stage.amountMinor) },
    ]);
  }
  return [...byName].map(([name, stages]) => ({ name, stages }));
}

/** How the money came: the offline method staff gave, or the card (brand and last digits) and whether Tranche charged it. */
function paymentMethodWords(entry: LedgerEntry, stage: StoredStage): string {
  if (entry.kind === "manualPayment") return entry.method ?? "Offline payment";
  if (entry.kind === "earlyPaymentDiscount") {
    const offer = stage.paymentTerms.earlyPayment;
    return offer ? `${offer.percent}% early-payment discount (paid by ${offer.until})` : "Early-payment discount";
  }
  const card = entry.cardBrand && entry.cardLastDigits ? `${entry.cardBrand} ending in ${entry.cardLastDigits}` : null;
  if (stage.chargeRef !== null) return card ? `${card}, the saved card charged by Tranche` : "Saved card, charged by Tranche";
  return card ? `${card} at Shopify checkout` : "Paid at Shopify checkout";
}

function declinedWords(stage: StoredStage): string {
  const times = stage.attempts > 1 ? ` ${stage.attempts} times` : "";
  return stage.attempts >= MAX_CHARGE_ATTEMPTS || stage.nextAttemptAt === null
    ? `The saved card was declined${times}. The buyer pays from the emailed payment link.`
    : `The saved card was declined${times}.`;
}

/** What was chosen for a cancelled contract's money, in words. */
function settlementText(cancellation: Cancellation, money: (minor: bigint) => string): string {
  switch (cancellation.settlement) {
    case "refund":
      return cancellation.amount === "all" ? "Everything paid is refunded." : `${money(cancellation.amount)} is refunded; the rest is kept.`;
    case "keepAsCredit":
      return "The money paid is kept as the customer's credit; the order is cancelled without a refund.";
    case "close":
      return "The money paid is kept as earned; the order is closed as it stands.";
  }
}

/** Exactly what staff see on the Shopify order, so the two pages never seem to disagree (README: "The main order on every plan"). */
function mainOrderText(mode: string, partialPaymentsAllowed: boolean | null): string {
  if (mode === "native")
    return "Collected on the order itself: Shopify shows each payment on the order and its balance as it goes (Shopify Plus deposit and payment terms).";
  if (partialPaymentsAllowed === true) {
    return "Each stage is paid through its own order; as each is paid Tranche records it on the main order, whose balance Shopify shows going down stage by stage.";
  }
  return (
    "Each stage is paid through its own order. On this Shopify plan a payment recorded on an order must settle its whole balance, so Shopify shows the main " +
    "order as payment pending for its full total (with the next stage's due date) until the last stage is paid, then paid in one step; this page and the " +
    "stage orders show each payment as it arrives."
  );
}

interface ShopifyFacts {
  /** The shop is on Shopify Plus (manual payments of part of a balance); null when Shopify did not answer. */
  readonly partialPaymentsAllowed: boolean | null;
  readonly savedCard: string | null;
  readonly holdPlaced: boolean;
}

/**
 * What only Shopify knows, read for the page: the shop's plan, the buyer's saved card (on the main order, or in
 * stage-order mode on the deposit's order, where checkout saved it) and whether the app's hold is on the main order.
 * A page that Shopify does not answer for still shows the contract, without these.
 */
async function readShopify(deps: ServiceDeps, shop: string, contract: StoredContract): Promise<ShopifyFacts> {
  const admin = await deps.adminFor(shop).catch(() => null);
  if (!admin) return { partialPaymentsAllowed: null, savedCard: null, holdPlaced: false };
  const readOrder = (id: string | null | undefined) =>
    id
      ? admin.request(orderQuery, { id }).then(
          (answer) => answer.order,
          () => null,
        )
      : null;
  const [plan, mainOrder, depositOrder] = await Promise.all([
    admin.request(shopQuery).then(
      (answer) => answer.shop.plan.shopifyPlus,
      () => null,
    ),
    readOrder(contract.mainOrderId),
    readOrder(contract.mode === "stageOrder" ? contract.stages[0]?.stageOrderId : null),
  ]);
  return {
    partialPaymentsAllowed: plan,
    savedCard: savedCardWords(mainOrder) ?? savedCardWords(depositOrder),
    holdPlaced: mainOrder?.fulfillmentOrders.nodes.some((order) => order.fulfillmentHolds.some((hold) => hold.handle === PAYMENT_HOLD_HANDLE)) ?? false,
  };
}

function savedCardWords(order: OrderQuery["order"] | null): string | null {
  for (const method of order?.paymentCollectionDetails.vaultedPaymentMethods ?? []) {
    const instrument = method.paymentInstrument;
    if (instrument?.__typename === "VaultCreditCard") return `${instrument.brand} ending in ${instrument.lastDigits}`;
  }
  return null;
}
