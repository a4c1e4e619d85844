import type { ContractStageKind, ContractStatus } from "../contract/contract-state";
import { UNPAID_STAGE_STATUSES, type StageStatus } from "../contract/stage-status";
import { moneyReceived } from "../contract/stage-money";
import { isBefore, type CalendarDate } from "../dates/calendar-date";
import type { BuyerContract, BuyerStage, BuyerStageState, BuyerTaxLine } from "./buyer-document";
import { termsToShow, type StagePaymentTerms } from "./stage-payment-terms";

/** A stored stage, as much of it as the buyer's view needs. */
export interface StageRecord {
  readonly position: number;
  readonly kind: ContractStageKind;
  readonly title: string;
  readonly amountMinor: bigint;
  /** Money and an early-payment discount alike, as stored; `discountMinor` is the discount's part. */
  readonly paidMinor: bigint;
  readonly discountMinor: bigint;
  readonly refundedMinor: bigint;
  readonly taxLines: readonly BuyerTaxLine[];
  readonly status: StageStatus;
  readonly dueDate: CalendarDate | null;
  /** The event it waits for, in the buyer's words; null when it has a date. */
  readonly waitsFor: string | null;
  readonly invoiceNumber: string | null;
  readonly payUrl: string | null;
  readonly paymentTerms: StagePaymentTerms;
}

export interface ContractRecord {
  readonly id: string;
  readonly quoteName: string | null;
  readonly orderName: string | null;
  readonly currency: string;
  readonly status: ContractStatus;
  readonly totalMinor: bigint;
  readonly taxLines: readonly BuyerTaxLine[];
  readonly stages: readonly StageRecord[];
}

export interface BuyerLinks {
  readonly portalUrl: string;
  /** The signed link of a stage's invoice PDF. */
  readonly invoicePdfUrl: (position: number) => string;
}

/**
 * What the buyer is shown of a stage: its status in the buyer's terms on `today` (the shop's day). A stage with a
 * link out is "due" until its date passes, "overdue" after; money on an unpaid stage makes it "partly paid".
 */
export function buyerStageState(stage: StageRecord, today: CalendarDate): BuyerStageState {
  switch (stage.status) {
    case "paid":
      return "paid";
    case "refunded":
      return "refunded";
    case "cancelled":
      return "cancelled";
    case "overdue":
      return stage.paidMinor > 0n ? "partlyPaid" : "overdue";
    case "scheduled":
      return stage.paidMinor > 0n ? "partlyPaid" : "scheduled";
    case "invoiced":
    case "failed":
      if (stage.paidMinor > 0n) return "partlyPaid";
      return stage.dueDate !== null && isBefore(stage.dueDate, today) ? "overdue" : "due";
  }
}

/**
 * The buyer's view of a contract. What is owed is what unpaid stages lack (never on a cancelled contract); paid is
 * the money received net of refunds, an early-payment discount shown on its own. The pay link shows only while the stage can be paid.
 */
export function buyerContractOf(record: ContractRecord, today: CalendarDate, links: BuyerLinks): BuyerContract {
  const live = record.status !== "cancelled" && record.status !== "completed";
  const stages = record.stages.map((stage): BuyerStage => {
    const unpaid = UNPAID_STAGE_STATUSES.includes(stage.status);
    const owedMinor = live && unpaid ? stage.amountMinor - stage.paidMinor : 0n;
    const owed = owedMinor > 0n ? owedMinor : 0n;
    return {
      position: stage.position,
      kind: stage.kind,
      title: stage.title,
      amountMinor: stage.amountMinor,
      paidMinor: moneyReceived(stage),
      earlyPaymentDiscount: stage.discountMinor > 0n ? { amountMinor: stage.discountMinor, percent: stage.paymentTerms.earlyPayment?.percent ?? null } : null,
      refundedMinor: stage.refundedMinor,
      owedMinor: owed,
      taxLines: stage.taxLines,
      dueDate: stage.dueDate,
      waitsFor: stage.dueDate === null ? stage.waitsFor : null,
      state: !live && unpaid ? "cancelled" : buyerStageState(stage, today),
      invoiceNumber: stage.invoiceNumber,
      payUrl: live && unpaid && owedMinor > 0n ? stage.payUrl : null,
      invoicePdfUrl: stage.invoiceNumber === null ? null : links.invoicePdfUrl(stage.position),
      paymentTerms: termsToShow(stage.paymentTerms, { owedMinor: owed, paidMinor: stage.paidMinor }, today),
    };
  });
  const sum = (pick: (stage: BuyerStage) => bigint) => stages.reduce((total, stage) => total + pick(stage), 0n);
  return {
    id: record.id,
    quoteName: record.quoteName,
    orderName: record.orderName,
    currency: record.currency,
    status: record.status,
    totalMinor: record.totalMinor,
    paidMinor: sum((stage) => stage.paidMinor - stage.refundedMinor),
    discountMinor: sum((stage) => stage.earlyPaymentDiscount?.amountMinor ?? 0n),
    refundedMinor: sum((stage) => stage.refundedMinor),
    outstandingMinor: sum((stage) => stage.owedMinor),
    taxLines: record.taxLines,
    stages,
    portalUrl: links.portalUrl,
  };
}
