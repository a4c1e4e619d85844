import type { CollectionStep } from "../../domain/contract/next-step";
import { isPlanStage } from "../../domain/contract/late-fee-stage";
import { lateFeeStageTitle } from "../../locale/late-fee-words";
import { MAX_CHARGE_ATTEMPTS, PAYMENT_HOLD_HANDLE } from "../../domain/contract/next-step";
import { MIRROR_REFUND_NOTE, type Observation } from "../../domain/contract/observation";
import { calendarDateAt, startOfDayIn } from "../../domain/dates/calendar-date";
import { termsWhenDated } from "../../domain/documents/stage-payment-terms";
import { currencyFor } from "../../domain/money/currency";
import { formatMinorUnits } from "../../domain/money/minor-units";
import { PermanentJobError } from "../../lib/jobs/job-handlers.server";
import type { AuditActor } from "../../models/audit-log.server";
import { writeAudit } from "../../models/audit-log.server";
import { assignStageInvoiceNumber } from "../../models/invoice-numbers.server";
import {
  addLateFeeStage,
  cancelContractRecord,
  getContract,
  stageAt,
  updateContract,
  updateStage,
  type StageChanges,
  type StoredContract,
  type StoredStage,
} from "../../models/contracts.server";
import { contractBalance, earlyPaymentDiscountRef, recordLedgerEntries } from "../../models/ledger.server";
import type { AdminClient } from "../../shopify/admin-client.server";
import { AdminUserErrors } from "../../shopify/admin-errors";
import { draftOrderCompleteMutation } from "../../shopify/operations/draft-order-complete-mutation";
import { draftOrderDeleteMutation } from "../../shopify/operations/draft-order-delete-mutation";
import { draftOrderUpdateMutation } from "../../shopify/operations/draft-order-update-mutation";
import { fulfillmentOrderHoldMutation } from "../../shopify/operations/fulfillment-order-hold-mutation";
import { fulfillmentOrderReleaseHoldMutation } from "../../shopify/operations/fulfillment-order-release-hold-mutation";
import { orderCreateMandatePaymentMutation } from "../../shopify/operations/order-create-mandate-payment-mutation";
import { orderCreateManualPaymentMutation } from "../../shopify/operations/order-create-manual-payment-mutation";
import { orderCancelMutation } from "../../shopify/operations/order-cancel-mutation";
import { orderCloseMutation } from "../../shopify/operations/order-close-mutation";
import { emailStageLinkBy } from "./stage-link-email.server";
import type { BuyerEmail } from "../../domain/documents/buyer-email";
import { inTransaction } from "../../models/database.server";
import { queueBuyerEmail } from "../../models/outgoing-emails.server";
import { paymentTermsCreateMutation } from "../../shopify/operations/payment-terms-create-mutation";
import { paymentTermsUpdateMutation } from "../../shopify/operations/payment-terms-update-mutation";
import { paymentTermsTemplateId } from "../../shopify/payment-terms-templates.server";
import type { ServiceDeps } from "../service-deps.server";
import { recordRefundOutsideShopify, refundOnOrder } from "./order-refunds.server";
import { openStageDraft } from "./stage-draft-order.server";

export interface StepContext {
  readonly deps: ServiceDeps;
  readonly admin: AdminClient;
  readonly shop: string;
  /** As read right before the step was planned. */
  readonly contract: StoredContract;
  readonly observation: Observation;
  readonly actor: AuditActor;
  readonly now: Date;
}

/**
 * Does one planned step: a Shopify call, a database write, or a Shopify call and then the write that records
 * it. A crash between the two is safe because the next plan reads Shopify again (see next-step.ts).
 */
export async function executeCollectionStep(context: StepContext, step: CollectionStep): Promise<void> {
  const { deps, admin, shop, contract, actor } = context;
  const stage = "position" in step ? stageAt(contract, step.position) : undefined;
  const changeStage = (target: StoredStage, changes: StageChanges) =>
    updateStage(deps.db, shop, { contractId: contract.id, stageId: target.id, version: contract.version, changes, actor });
  // A change the buyer is told of: the email is queued in the change's own transaction.
  const changeStageAndTell = (target: StoredStage, changes: StageChanges, email: BuyerEmail, dedupeKey: string) =>
    inTransaction(deps.db, async (tx) => {
      await queueBuyerEmail(tx, shop, { contractId: contract.id, email, dedupeKey });
      await updateStage(tx, shop, { contractId: contract.id, stageId: target.id, version: contract.version, changes, actor });
    });

  switch (step.kind) {
    case "cancelContract":
      await cancelContractRecord(deps.db, shop, { contractId: contract.id, version: contract.version, reason: step.reason, at: context.now, actor });
      return;
    case "recordFulfillment":
      await updateContract(deps.db, shop, { id: contract.id, version: contract.version, changes: { fulfilledOn: step.fulfilledOn }, actor });
      return;
    case "activateContract":
      await updateContract(deps.db, shop, { id: contract.id, version: contract.version, changes: { status: "active" }, actor });
      return;
    case "linkMainOrder":
      await updateContract(deps.db, shop, {
        id: contract.id,
        version: contract.version,
        changes: { mainOrderId: step.orderId, mainOrderName: step.orderName },
        actor,
      });
      return;
    case "linkStageDraft":
      await changeStage(stage!, { stageDraftOrderId: step.draftId });
      return;
    case "linkStageOrder":
      await changeStage(stage!, { stageOrderId: step.orderId });
      return;
    case "recordPayments":
      await recordLedgerEntries(
        deps.db,
        shop,
        step.payments.map((payment) => ({
          contractId: contract.id,
          stageId: stageAt(contract, payment.position).id,
          kind: "payment" as const,
          amountMinor: payment.amount,
          currency: contract.currency,
          shopifyRef: payment.ref,
          occurredAt: payment.occurredAt,
          ...(payment.card ? { card: payment.card } : {}),
          actor,
        })),
      );
      return;
    case "recordRefunds":
      await recordLedgerEntries(
        deps.db,
        shop,
        step.refunds.map((refund) => ({
          contractId: contract.id,
          ...(refund.position === null ? {} : { stageId: stageAt(contract, refund.position).id }),
          kind: "refund" as const,
          amountMinor: refund.amount,
          currency: contract.currency,
          shopifyRef: refund.ref,
          occurredAt: refund.occurredAt,
          actor,
        })),
      );
      return;
    case "withdrawEarlyPaymentDiscount":
      await shopifyStep(step, () => admin.request(draftOrderUpdateMutation, { id: step.draftId, input: { appliedDiscount: null } }));
      await writeAudit(deps.db, shop, { actor, action: "stage.earlyPaymentOfferEnded", contractId: contract.id, details: { position: step.position } });
      return;
    case "grantEarlyPaymentDiscount":
      await recordLedgerEntries(deps.db, shop, [
        {
          contractId: contract.id,
          stageId: stage!.id,
          kind: "earlyPaymentDiscount",
          amountMinor: step.discount,
          currency: contract.currency,
          shopifyRef: earlyPaymentDiscountRef(stage!.id),
          occurredAt: step.occurredAt,
          actor,
        },
      ]);
      return;
    case "recordRefundOutsideShopify":
      await recordRefundOutsideShopify(deps, shop, contract, { amount: step.amount, method: "Outside Shopify (offline money)", actor });
      return;
    case "markStageRefunded":
      await changeStage(stage!, { status: "refunded" });
      return;
    case "mirrorRefund":
      // One refund per mirror payment, so that each carries exactly one transaction under the note that marks it ours.
      for (const transaction of step.transactions) {
        await shopifyStep(step, () => refundOnOrder(admin, contract, { orderId: step.orderId, transactions: [transaction] }, MIRROR_REFUND_NOTE));
      }
      return;
    case "refundPayments":
      for (const refund of step.refunds) {
        await shopifyStep(step, () => refundOnOrder(admin, contract, refund, `Tranche: contract ${contract.id} cancelled`));
      }
      return;
    case "refundRefused": {
      const missing = formatMinorUnits(step.missing, currencyFor(contract.currency));
      throw new PermanentJobError(
        `Shopify refused a refund of cancelled contract ${contract.id} (transaction ${step.transactionId}: ${step.errorCode}); ` +
          `${missing} ${contract.currency} of the chosen refund is not given back: refund it in Shopify's admin, and the contract records it`,
      );
    }
    case "cancelMainOrder":
      await shopifyStep(step, () =>
        admin.request(orderCancelMutation, {
          orderId: step.orderId,
          reason: "CUSTOMER",
          restock: true,
          notifyCustomer: false,
          staffNote: `Payment plan cancelled in Tranche (contract ${contract.id})`,
        }),
      );
      return;
    case "cancelStageOrder":
      await stageStep(context, stage!, () =>
        admin.request(orderCancelMutation, {
          orderId: step.orderId,
          reason: "OTHER",
          restock: false,
          notifyCustomer: false,
          staffNote: `Stage ${step.position} was paid another way (Tranche contract ${contract.id})`,
        }),
      );
      return;
    case "closeMainOrder":
      await shopifyStep(step, () => admin.request(orderCloseMutation, { input: { id: step.orderId } }));
      return;
    case "chargeDeclined":
      await changeStageAndTell(
        stage!,
        {
          status: "failed",
          chargeKey: null,
          chargeRef: null,
          nextAttemptAt: step.retryAt,
          lastError: `saved card declined (${step.errorCode}) on attempt ${stage!.attempts}${step.retryAt ? `; next try ${step.retryAt.toISOString()}` : "; the payment link is emailed instead"}`,
        },
        { kind: "chargeDeclined", stagePosition: stage!.position, retryOn: step.retryAt ? calendarDateAt(step.retryAt, contract.timeZone) : null },
        // The contract's version is new with every change: a decline after a revision reset the attempts is another email.
        `chargeDeclined:${stage!.id}:${contract.version}`,
      );
      return;
    case "markStagePaid":
      await changeStage(stage!, { status: "paid", nextAttemptAt: null, lastError: null });
      return;
    case "chargeLateFee": {
      const notice = stage!.paymentTerms.lateFee!;
      const title = lateFeeStageTitle(contract.buyerLocale ?? "en", {
        kind: notice.kind,
        position: stage!.position,
        count: contract.stages.filter(isPlanStage).length,
        stageTitle: stage!.title,
        from: notice.appliesFrom,
        through: step.through,
      });
      await addLateFeeStage(deps.db, shop, {
        contractId: contract.id,
        version: contract.version,
        forPosition: step.position,
        title,
        amountMinor: step.amount,
        chargedOn: calendarDateAt(context.now, contract.timeZone),
        through: step.through,
        actor,
      });
      return;
    }
    case "dateStage": {
      const dates = { issueDate: step.issueDate, dueDate: step.dueDate };
      const owed = stage!.amountMinor > stage!.paidMinor ? stage!.amountMinor - stage!.paidMinor : 0n;
      const paymentTerms = termsWhenDated(stage!.paymentTerms, { amount: stage!.amountMinor, taxLines: stage!.taxShares, owed }, dates);
      await changeStage(stage!, { ...dates, ...(paymentTerms === stage!.paymentTerms ? {} : { paymentTerms }) });
      await writeAudit(deps.db, shop, {
        actor,
        action: "stage.dated",
        contractId: contract.id,
        details: { position: step.position, event: step.event, dueDate: step.dueDate },
      });
      return;
    }
    case "completeSourceDraft":
      await shopifyStep(step, () => admin.request(draftOrderCompleteMutation, { id: contract.sourceDraftOrderId, paymentPending: true }));
      return;
    case "holdFulfillment":
      await shopifyStep(step, () =>
        admin.request(fulfillmentOrderHoldMutation, {
          id: step.fulfillmentOrderId,
          fulfillmentHold: {
            reason: "AWAITING_PAYMENT",
            reasonNotes: "Held until the payment before shipping is received (Tranche).",
            handle: PAYMENT_HOLD_HANDLE,
            notifyMerchant: false,
          },
        }),
      );
      return;
    case "releaseHold":
      await shopifyStep(step, () => admin.request(fulfillmentOrderReleaseHoldMutation, { id: step.fulfillmentOrderId, holdIds: [step.holdId] }));
      return;
    case "mirrorPayments": {
      const currency = currencyFor(contract.currency);
      await shopifyStep(step, () =>
        admin.request(orderCreateManualPaymentMutation, {
          id: step.orderId,
          ...(step.amount === "wholeBalance" ? {} : { amount: { amount: formatMinorUnits(step.amount, currency), currencyCode: contract.currency as never } }),
        }),
      );
      return;
    }
    case "setPaymentTerms": {
      const attributes = {
        paymentTermsTemplateId: await paymentTermsTemplateId(admin, "FIXED"),
        paymentSchedules: [{ dueAt: startOfDayIn(step.dueDate, contract.timeZone).toISOString() }],
      };
      await shopifyStep(step, () =>
        step.termsId
          ? admin.request(paymentTermsUpdateMutation, { input: { paymentTermsId: step.termsId, paymentTermsAttributes: attributes } })
          : admin.request(paymentTermsCreateMutation, { referenceId: step.orderId, paymentTermsAttributes: attributes }),
      );
      return;
    }
    case "createStageDraft":
      await stageStep(context, stage!, async () => {
        await openStageDraft(deps.db, admin, shop, contract, stage!, calendarDateAt(context.now, contract.timeZone), actor);
      });
      return;
    case "sendStageDraftInvoice":
      await stageStep(context, stage!, async () => {
        const status = stage!.status === "invoiced" || stage!.status === "overdue" ? {} : { status: "invoiced" as const };
        const carrier = { draftOrderId: step.draftId };
        await emailStageLinkBy(deps, admin, shop, { contract, stage: stage!, carrier, payUrl: null, reason: { kind: "invoice" }, changes: status, actor });
      });
      return;
    case "markInvoiced":
      await changeStage(stage!, { status: "invoiced" });
      return;
    case "completeStageDraft":
      await stageStep(context, stage!, () => admin.request(draftOrderCompleteMutation, { id: step.draftId, paymentPending: true }));
      return;
    case "chargeMandate":
      await chargeSavedCard(context, stage!, step);
      return;
    case "sendStageOrderInvoice":
      await stageStep(context, stage!, async () => {
        // The link the email carries is kept for the contract page and the buyer's blocks ("Pay now").
        const carrier = { orderId: step.orderId };
        const changes = { status: "invoiced" as const };
        await emailStageLinkBy(deps, admin, shop, { contract, stage: stage!, carrier, payUrl: step.payUrl, reason: { kind: "invoice" }, changes, actor });
      });
      return;
    case "deleteStageDraft":
      await shopifyStep(step, () => admin.request(draftOrderDeleteMutation, { input: { id: step.draftId } }));
      return;
    case "noticeUpcomingCharge":
      await changeStageAndTell(
        stage!,
        { chargeNoticeFor: step.chargeOn },
        { kind: "chargeUpcoming", stagePosition: stage!.position, chargeOn: step.chargeOn },
        `chargeUpcoming:${stage!.id}:${step.chargeOn}`,
      );
      return;
    case "markOverdue":
      await changeStageAndTell(
        stage!,
        { status: "overdue" },
        { kind: "overdue", stagePosition: stage!.position },
        `overdue:${stage!.id}:${stage!.dueDate ?? "undated"}`,
      );
      return;
    case "completeContract": {
      const balance = await contractBalance(deps.db, shop, contract.id);
      if (!balance?.settled) {
        throw new PermanentJobError(
          `contract ${contract.id} has every stage paid but its ledger is not settled (${balance?.outstandingMinor ?? "?"} outstanding)`,
        );
      }
      await updateContract(deps.db, shop, { id: contract.id, version: contract.version, changes: { status: "completed" }, actor });
      return;
    }
    default: {
      // A step kind the planner can return and this executor does not handle fails the type check here.
      const unhandled: never = step;
      throw new Error(`no executor for collection step ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Charges the saved card. The key is stored before the call: a rerun after a crash repeats the call with it,
 * and Shopify answers the first charge instead of making a second. Shopify refusing the charge (no balance, a
 * mandate it will not use for this order) created no payment: the key is cleared and the stage falls back to
 * its emailed link rather than waiting on a card that cannot be charged.
 */
async function chargeSavedCard(context: StepContext, stage: StoredStage, step: Extract<CollectionStep, { kind: "chargeMandate" }>): Promise<void> {
  const { deps, admin, shop, contract, actor } = context;
  await assignStageInvoiceNumber(deps.db, shop, contract.id, stage.id);
  const change = async (changes: StageChanges) => {
    const current = await getContract(deps.db, shop, contract.id);
    return updateStage(deps.db, shop, { contractId: contract.id, stageId: stage.id, version: current?.version ?? contract.version, changes, actor });
  };
  if (stage.chargeKey !== step.idempotencyKey) await change({ chargeKey: step.idempotencyKey, attempts: step.attempt });
  let reference: string | null | undefined;
  try {
    const result = await admin.request(orderCreateMandatePaymentMutation, {
      id: step.orderId,
      mandateId: step.mandateId,
      idempotencyKey: step.idempotencyKey,
      autoCapture: true,
      ...(step.amount === null
        ? {}
        : { amount: { amount: formatMinorUnits(step.amount, currencyFor(contract.currency)), currencyCode: contract.currency as never } }),
    });
    reference = result.orderCreateMandatePayment?.paymentReferenceId;
  } catch (error) {
    if (!(error instanceof AdminUserErrors)) throw error;
    await change({
      chargeKey: null,
      attempts: MAX_CHARGE_ATTEMPTS,
      lastError: `Shopify refused the saved-card charge (${error.message}); the payment link is emailed instead`,
    });
    return;
  }
  if (!reference) throw new Error(`orderCreateMandatePayment answered without a payment reference for ${step.idempotencyKey}`);
  await change({ chargeRef: reference });
}

/** A Shopify refusal of a contract-wide step: retrying will not change it, so the job is parked for staff. */
async function shopifyStep(step: CollectionStep, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AdminUserErrors) throw new PermanentJobError(`Shopify refused ${step.kind}: ${error.message}`);
    throw error;
  }
}

/**
 * A Shopify refusal of a step for one stage parks that stage (with Shopify's reason, for staff) and lets the
 * rest of the contract go on.
 */
async function stageStep(context: StepContext, stage: StoredStage, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof AdminUserErrors)) throw error;
    const { deps, shop, contract, actor } = context;
    const fresh = await deps.db.contract.findFirstOrThrow({ where: { id: contract.id, shop }, select: { version: true } });
    await updateStage(deps.db, shop, {
      contractId: contract.id,
      stageId: stage.id,
      version: fresh.version,
      changes: { parkedReason: `Shopify refused ${error.operationName}: ${error.message}`, lastError: error.message },
      actor,
    });
  }
}
