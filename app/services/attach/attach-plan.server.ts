import type { ContractMode } from "../../domain/contract/contract-state";
import { startOfDayIn } from "../../domain/dates/calendar-date";
import type { WorkingCalendar } from "../../domain/dates/working-calendar";
import { Dec } from "../../domain/money/decimal";
import { toMinorUnits } from "../../domain/money/minor-units";
import { buildSchedule, type Schedule } from "../../domain/schedule/build-schedule";
import { orderSnapshotFromInput } from "../../domain/schedule/order-input";
import type { OrderSnapshot } from "../../domain/schedule/order-snapshot";
import { applyNegotiatedTerms } from "../../domain/customers/customer-terms";
import type { Plan } from "../../domain/plan/plan";
import { writeAudit, type AuditActor } from "../../models/audit-log.server";
import {
  ContractExistsError,
  createContract,
  findContractByDraftOrder,
  getContract,
  type CreateContractInput,
  type StoredContract,
} from "../../models/contracts.server";
import { inTransaction, type Database } from "../../models/database.server";
import { NotFoundError } from "../../models/model-errors.server";
import { rememberCustomerPlan } from "../../models/customer-plans.server";
import { getPlan, type StoredPlan } from "../../models/plans.server";
import { collectionModeFor, getShopSettings, workingCalendarOf, type ShopSettings } from "../../models/shop-settings.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { draftOrderQuery } from "../../shopify/operations/draft-order-query";
import { draftOrderUpdateMutation } from "../../shopify/operations/draft-order-update-mutation";
import { shopQuery } from "../../shopify/operations/shop-query";
import { paymentTermsTemplateId } from "../../shopify/payment-terms-templates.server";
import type { DraftOrderQuery, ShopQuery } from "../../types/admin.generated";
import { writeDraftAttributes } from "./draft-attributes.server";
import { requestLockHolder, requestLockUntil, withContractLock } from "../collection/contract-lock.server";
import { refreshStageTimers } from "../collection/due-sweep.server";
import { sendFirstStageInvoice } from "./first-stage-invoice.server";
import { completeOnPaymentTerms } from "./payment-terms-order.server";
import { dispatchDueEmails } from "../buyer-email/email-dispatch.server";
import type { ServiceDeps } from "../service-deps.server";
import { AttachPlanError } from "./attach-plan-error";
import { attachTerms, creditOverrideReason, weighCreditAgain, type AttachTerms } from "./attach-terms.server";

export { AttachPlanError };

export interface AttachPlanInput {
  readonly draftOrderId: string;
  readonly planId: string;
  /** Defaults to the shop's setting, whose default is native on Shopify Plus and stage orders elsewhere. */
  readonly mode?: ContractMode;
  readonly actor: AuditActor;
  /** Attach although the order takes the customer over their credit limit: staff's reason, audited with the figures. */
  readonly creditOverride?: { readonly reason: string };
}

type Draft = NonNullable<DraftOrderQuery["draftOrder"]>;

/**
 * Attaches a plan to a draft order (DESIGN §3): reads the draft's calculated totals and tax lines from
 * Shopify, builds the schedule, stores the contract and prepares the draft for checkout — native: the deposit
 * percentage and payment terms on the draft itself, the schedule pinned to what checkout will really charge;
 * stage orders: a deposit draft order. Then the first stage's invoice is emailed. A plan whose first stage is not
 * due on the order date (net terms) has nothing to pay at checkout: the draft is completed into the main order on
 * payment terms for that stage's date, in either mode, and every stage is collected later.
 *
 * A second attach of the same plan to the same draft resumes a preparation that stopped half-way (the contract
 * is still `pending`); any other second attach is refused.
 */
export async function attachPlan(deps: ServiceDeps, shop: string, input: AttachPlanInput): Promise<StoredContract> {
  const existing = await findContractByDraftOrder(deps.db, shop, input.draftOrderId);
  const admin = await deps.adminFor(shop);
  if (existing && existing.status !== "cancelled") {
    if (existing.status !== "pending" || existing.planId !== input.planId) throw new ContractExistsError(input.draftOrderId, existing.id);
    return withContractLock(deps, shop, existing.id, () => finishAttach(deps, admin, shop, existing.id, input.actor));
  }
  const prepared = await prepareAttach(deps, shop, input, await readAttachSources(deps, admin, shop, input.draftOrderId));
  const { plan, model, draft, snapshot, mode, timeZone, terms, firstStageAtCheckout } = prepared;
  // Refused before anything is written to Shopify or the database; weighed again as the contract is created.
  creditOverrideReason(terms, input.creditOverride);
  let schedule = prepared.schedule;

  if (mode === "native" && firstStageAtCheckout) {
    const charged = await prepareNativeDraft(admin, draft, schedule, timeZone);
    schedule = buildSchedule(model, snapshot, { firstAmount: charged });
  }
  const purchasing = draft.purchasingEntity;
  // Created holding its work lock: the draft's webhooks ask for syncs of the new contract, and they wait until its
  // first invoice is out instead of racing this request for the lock. A request that loses the race to create it
  // stops here (ContractExistsError) having written nothing the winner relies on.
  const holder = requestLockHolder();
  const contractInput: CreateContractInput = {
    lock: { holder, until: requestLockUntil(deps.now()) },
    planId: plan.id,
    draftOrderId: draft.id,
    sourceDraftName: draft.name,
    timeZone,
    ...(draft.customer ? { customerId: draft.customer.id, customerName: draft.customer.displayName, buyerLocale: draft.customer.locale } : {}),
    ...((draft.customer?.email ?? draft.email) ? { customerEmail: (draft.customer?.email ?? draft.email) as string } : {}),
    ...(purchasing?.__typename === "PurchasingCompany" ? { companyLocationId: purchasing.location.id, companyId: purchasing.company.id } : {}),
    mode,
    firstStageAtCheckout,
    orderSnapshot: snapshot,
    schedule,
    actor: input.actor,
  };
  const contract = await createContractWithinLimit(deps.db, shop, contractInput, terms, input.creditOverride);
  if (draft.customer) await rememberCustomerPlan(deps.db, shop, draft.customer.id, plan.id);
  return withContractLock(deps, shop, contract.id, () => finishAttach(deps, admin, shop, contract.id, input.actor), holder);
}

/**
 * Under the contract's lock: the draft names the contract, the first invoice goes out, and the stages are timed for
 * the due sweep. Read afresh, so a request that waited for the lock while another finished the attach sends nothing.
 */
async function finishAttach(deps: ServiceDeps, admin: AdminClient, shop: string, contractId: string, actor: AuditActor): Promise<StoredContract> {
  const contract = await getContract(deps.db, shop, contractId);
  if (!contract) throw new NotFoundError("contract", contractId);
  if (contract.status !== "pending") return contract;
  const { requireAcceptance } = await getShopSettings(deps.db, shop);
  // Written before a net-terms draft is completed, so that the order carries them too.
  await writeDraftAttributes(admin, contract, requireAcceptance);
  const started = contract.firstStageAtCheckout
    ? await sendFirstStageInvoice(deps, admin, shop, contract, actor)
    : await completeOnPaymentTerms(deps, admin, shop, contract, actor);
  await refreshStageTimers(deps.db, shop, started.id, deps.now());
  // The deposit's email (when the app sends it) goes out now rather than at the worker's next sweep.
  await dispatchDueEmails(deps.db, deps.jobs, deps.now(), started.id);
  return started;
}

/**
 * Creates the contract if the customer's credit limit still allows it, weighed again under a lock per subject
 * (weighCreditAgain) in the transaction that creates it, so two attaches at once cannot both pass. An attach over the
 * limit needs staff's reason: the contract and the override's audit commit together, or neither does. A request that
 * lost the race to create the contract still ends in ContractExistsError (its transaction is aborted by then, so the
 * winner is looked up after it).
 */
async function createContractWithinLimit(
  db: Database,
  shop: string,
  input: CreateContractInput,
  terms: AttachTerms,
  override: AttachPlanInput["creditOverride"],
): Promise<StoredContract> {
  try {
    return await inTransaction(db, async (tx) => {
      const weighed = await weighCreditAgain(tx, shop, terms);
      const reason = creditOverrideReason(weighed, override);
      const created = await createContract(tx, shop, input);
      if (reason !== null) await auditCreditOverride(tx, shop, created.id, weighed, reason, input.actor);
      return created;
    });
  } catch (error) {
    if (error instanceof AttachPlanError) throw error;
    const winner = await findContractByDraftOrder(db, shop, input.draftOrderId);
    if (winner && winner.status !== "cancelled") throw new ContractExistsError(input.draftOrderId, winner.id);
    throw error;
  }
}

/** Staff attached over the credit limit: who, by how much, and why, beside the contract it let through. */
async function auditCreditOverride(db: Database, shop: string, contractId: string, terms: AttachTerms, reason: string, actor: AuditActor): Promise<void> {
  if (terms.decision.kind !== "over") return;
  const { figures } = terms.decision;
  await writeAudit(db, shop, {
    actor,
    action: "contract.creditLimitOverridden",
    contractId,
    details: {
      subject: terms.weighed?.subject ?? null,
      subjectName: terms.weighed?.name ?? null,
      currency: figures.limit.currency,
      limitMinor: figures.limit.minor,
      owedMinor: figures.owedMinor,
      owedContracts: figures.owedContracts,
      addsMinor: figures.addsMinor,
      overMinor: figures.overMinor,
      refusal: terms.refusal,
      reason,
    },
  });
}

/** What attaching would do, without doing it: the collection mode, the exact schedule and the customer's terms. */
export interface AttachPreview {
  readonly mode: ContractMode;
  readonly schedule: Schedule;
  readonly terms: AttachTerms;
  /** Whether stage 1 is paid at checkout; false: the order is placed on payment terms and every stage collected later. */
  readonly firstStageAtCheckout: boolean;
}

/**
 * The schedule staff confirm before attaching. In native mode Shopify rounds the deposit percentage itself;
 * attaching pins the first stage to what checkout will really charge, which may differ by a minor unit.
 */
export async function previewAttach(deps: ServiceDeps, shop: string, input: Omit<AttachPlanInput, "actor">, sources?: AttachSources): Promise<AttachPreview> {
  const existing = await findContractByDraftOrder(deps.db, shop, input.draftOrderId);
  if (existing && existing.status !== "pending" && existing.status !== "cancelled") throw new ContractExistsError(input.draftOrderId, existing.id);
  const read = sources ?? (await readAttachSources(deps, await deps.adminFor(shop), shop, input.draftOrderId));
  const { mode, schedule, terms, firstStageAtCheckout } = await prepareAttach(deps, shop, input, read);
  return { mode, schedule, terms, firstStageAtCheckout };
}

/** What attaching reads from Shopify, the shop's settings and the customer's terms, read once per page even when used twice. */
export interface AttachSources {
  readonly draft: Draft;
  readonly shopInfo: ShopQuery["shop"];
  readonly settings: ShopSettings;
  readonly terms: AttachTerms;
}

export async function readAttachSources(deps: ServiceDeps, admin: AdminClient, shop: string, draftOrderId: string): Promise<AttachSources> {
  const [draft, { shop: shopInfo }, settings] = await Promise.all([readDraft(admin, draftOrderId), admin.request(shopQuery), getShopSettings(deps.db, shop)]);
  const terms = await attachTerms(deps, shop, draft, shopInfo.ianaTimezone);
  return { draft, shopInfo, settings, terms };
}

interface PreparedAttach {
  readonly plan: StoredPlan;
  /** The plan with the customer's negotiated terms applied: what the schedule is built from. */
  readonly model: Plan;
  readonly terms: AttachTerms;
  readonly draft: Draft;
  readonly snapshot: OrderSnapshot;
  readonly schedule: Schedule;
  readonly mode: ContractMode;
  readonly settings: ShopSettings;
  readonly timeZone: string;
  readonly firstStageAtCheckout: boolean;
}

/** Builds the schedule the plan gives the draft today, in the mode the shop's settings choose. */
async function prepareAttach(deps: ServiceDeps, shop: string, input: Omit<AttachPlanInput, "actor">, sources: AttachSources): Promise<PreparedAttach> {
  const { draft, shopInfo, settings, terms } = sources;
  const plan = await getPlan(deps.db, shop, input.planId);
  if (!plan || plan.archivedAt) throw new NotFoundError("plan", input.planId);
  const mode = input.mode ?? collectionModeFor(settings, shopInfo.plan.shopifyPlus);
  if (mode === "native" && !shopInfo.plan.shopifyPlus) {
    throw new AttachPlanError("native collection needs Shopify Plus (draft-order deposits are Plus-only); use stage orders");
  }
  const snapshot = snapshotOf(draft, shopInfo.ianaTimezone, deps.now(), workingCalendarOf(settings));
  const model = applyNegotiatedTerms(plan.model, terms.negotiated);
  const schedule = buildSchedule(model, snapshot);
  const first = schedule.installments[0];
  if (!first) throw new AttachPlanError("the plan gives this order no stage");
  // A stage due on the order date is paid at checkout; any other first stage (a date, net days, an event) is not.
  const firstStageAtCheckout = first.dueDate === snapshot.orderDate;
  if (firstStageAtCheckout && schedule.installments.length < 2) {
    throw new AttachPlanError("the plan's only stage is due at checkout: that is a plain order, so complete the draft order in Shopify instead");
  }
  return { plan, model, terms, draft, snapshot, schedule, mode, settings, timeZone: shopInfo.ianaTimezone, firstStageAtCheckout };
}

/**
 * Native mode: the draft's deposit is a float percentage that Shopify may apply to the subtotal, so the
 * answer is what checkout will charge now (`amountDueNowSet`), which the schedule is pinned to — never what
 * we asked for.
 */
async function prepareNativeDraft(admin: AdminClient, draft: Draft, schedule: Schedule, timeZone: string): Promise<bigint> {
  const [first, second] = schedule.installments;
  if (!first || !second) throw new AttachPlanError("a deposit needs a later stage");
  const percentage = new Dec(first.amount.toString()).div(schedule.total.toString()).times(100).toDecimalPlaces(4);
  if (percentage.lt(1) || percentage.gt(99)) {
    throw new AttachPlanError(`Shopify takes a deposit of 1–99% of the order; this plan's first stage is ${percentage.toFixed(2)}%`);
  }
  const paymentTerms = second.dueDate
    ? {
        paymentTermsTemplateId: await paymentTermsTemplateId(admin, "FIXED"),
        paymentSchedules: [{ dueAt: startOfDayIn(second.dueDate, timeZone).toISOString() }],
      }
    : { paymentTermsTemplateId: await paymentTermsTemplateId(admin, "FULFILLMENT") };
  const result = await admin.request(draftOrderUpdateMutation, {
    id: draft.id,
    input: { deposit: { percentage: percentage.toNumber() }, paymentTerms },
  });
  const dueNow = result.draftOrderUpdate?.draftOrder?.amountDueNowSet.shopMoney.amount;
  if (!dueNow) throw new AttachPlanError("Shopify did not say what checkout will charge now (amountDueNowSet)");
  return toMinorUnits(dueNow, schedule.currency, "amountDueNowSet");
}

async function readDraft(admin: AdminClient, id: string): Promise<Draft> {
  const { draftOrder } = await admin.request(draftOrderQuery, { id });
  if (!draftOrder) throw new NotFoundError("draft order", id);
  if (draftOrder.status === "COMPLETED") throw new AttachPlanError(`draft order ${draftOrder.name} is already completed into an order`);
  return draftOrder;
}

/**
 * The order as the schedule sees it: the draft's grand total and tax lines, dated today in the shop's zone, with the
 * shop's working calendar when it moves due dates (frozen with the contract, so later settings do not move its dates),
 * and where it ships.
 */
function snapshotOf(draft: Draft, timeZone: string, now: Date, calendar: WorkingCalendar | undefined): OrderSnapshot {
  const dates = Object.fromEntries(
    draft.customAttributes
      .filter((attribute) => /^\d{4}-\d{2}-\d{2}$/.test(attribute.value ?? ""))
      .map((attribute) => [attribute.key, attribute.value as string]),
  );
  return orderSnapshotFromInput({
    total: draft.totalPriceSet.shopMoney.amount,
    currency: draft.currencyCode,
    timeZone,
    dates,
    taxLines: draft.taxLines.map((line) => ({ title: line.title, amount: line.priceSet.shopMoney.amount })),
    ...(calendar ? { calendar } : {}),
    shipTo: shipToOf(draft),
    now,
  });
}

/** The draft's shipping address, for tax at the destination (AvaTax); null when it ships nothing (digital goods). */
function shipToOf(draft: Draft) {
  const address = draft.shippingAddress;
  if (!address?.countryCodeV2) return null;
  return { line1: address.address1, city: address.city, region: address.provinceCode, postalCode: address.zip, country: address.countryCodeV2 };
}
