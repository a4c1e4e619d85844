import type {BuyerContract, ContractStage, EarlyPaymentDiscount, LoadResult, StageStatus} from './contract-api';
import type {Formatter} from './format';
import {taxesText, whenLabel, type StageTiming} from './stage-text';

export type BlockState = {kind: 'loading'} | LoadResult;

/** The page the block is on: the thank-you page follows the checkout that just paid the order. */
export type BlockPage = 'thankYou' | 'orderStatus';

type Tone = 'neutral' | 'success' | 'warning' | 'critical' | 'info';

export interface StageRowView {
  position: number;
  title: string;
  amount: string;
  statusLabel: string;
  tone: Tone;
  /** "Due Dec 1, 2026", "When the order ships", "Date to be confirmed", or null for settled stages. */
  dateLabel: string | null;
  /** "including Texas State Tax $470.59", for stages still to pay that carry tax. */
  taxNote: string | null;
  /** "Invoice TR-000004 (PDF)" and its signed link, for a stage with an invoice (signed-in buyers). */
  invoice: LinkView | null;
}

export interface LinkView {
  label: string;
  url: string;
}

export interface DueStageView {
  position: number;
  /** "Before shipping: $5,000.00 (Due Dec 1, 2026)". */
  text: string;
  payUrl: string;
  /** "Pay now". */
  payLabel: string;
  tone: 'warning' | 'critical';
  message: string;
}

export type ScheduleSituation = 'due' | 'upcoming' | 'paid' | 'cancelled';

export type ContractView =
  | {kind: 'loading'; heading: string}
  | {kind: 'hidden'}
  | {kind: 'error'; heading: string; message: string}
  | {
      kind: 'schedule';
      situation: ScheduleSituation;
      heading: string;
      /**
       * What was paid with this order, "Paid today: $6,830.82, including Texas State Tax $401.81", the early-payment
       * discount that settled the rest ("2% early-payment discount: $139.41") or null, and its stages' titles.
       */
      paidOnOrder: {line: string; discount: string | null; titles: string} | null;
      /** "$3,000.00 of $10,000.00 paid". */
      progress: string;
      /** Stages the buyer can pay now (situation "due"). */
      due: DueStageView[];
      /** "Next payment: Balance, $2,000.00 (Due Jan 20, 2027)" (situation "upcoming"). */
      next: string | null;
      /** A one-line summary: "Paid in full", "cancelled", "Nothing is due right now". */
      summary: {tone: Tone; text: string} | null;
      /** "Still to pay: $15,938.57" (null from an app that does not say) and every stage still to pay. */
      toCome: {total: string | null; rows: StageRowView[]} | null;
      /** Paid, refunded and cancelled stages. */
      settled: StageRowView[];
      /** "See all your payments and invoices": the buyer's portal (signed-in buyers). */
      portal: LinkView | null;
    };

const STATUS_TONE: Record<StageStatus, Tone> = {
  scheduled: 'neutral',
  invoiced: 'warning',
  paid: 'success',
  overdue: 'critical',
  failed: 'critical',
  cancelled: 'neutral',
  refunded: 'neutral',
};

/** A stage is due when it has been invoiced (or is overdue, or its charge failed) and has a link to pay it. */
export function isDue(stage: ContractStage): stage is ContractStage & {payUrl: string} {
  return (stage.status === 'invoiced' || stage.status === 'overdue' || stage.status === 'failed') && !!stage.payUrl;
}

export function isPaidInFull(contract: BuyerContract): boolean {
  if (contract.status === 'completed') return true;
  return contract.stages.length > 0 && contract.stages.every((stage) => stage.status === 'paid');
}

export function contractView(state: BlockState, page: BlockPage, format: Formatter): ContractView {
  switch (state.kind) {
    case 'loading':
      return {kind: 'loading', heading: format.t('heading')};
    case 'none':
      return {kind: 'hidden'};
    case 'error':
      return {kind: 'error', heading: format.t('heading'), message: format.t('loadError')};
    case 'ok':
      return scheduleView(state.contract, page, format);
  }
}

function scheduleView(contract: BuyerContract, page: BlockPage, format: Formatter): ContractView {
  const money = (amount: string) => format.money(amount, contract.currency);
  const taxNote = (stage: ContractStage) => {
    const taxes = taxesText(stage.tax, contract.currency, format);
    return taxes ? format.t('includingTax', {taxes}) : null;
  };
  const cancelled = contract.status === 'cancelled';
  const paid = !cancelled && isPaidInFull(contract);
  const row = (stage: ContractStage): StageRowView => {
    const settled = isSettled(stage.status);
    return {
      position: stage.position,
      title: stage.title,
      amount: money(stage.amount),
      statusLabel: format.t(`status.${stage.status}`),
      tone: STATUS_TONE[stage.status],
      dateLabel: settled ? null : whenLabel(timingOf(stage), format),
      taxNote: settled ? null : taxNote(stage),
      invoice: stage.invoice ? {label: format.t('invoicePdf', {number: stage.invoice.number}), url: stage.invoice.pdfUrl} : null,
    };
  };
  const toCome = contract.stages.filter((stage) => !isSettled(stage.status)).map(row);
  const base = {
    kind: 'schedule' as const,
    heading: format.t('heading'),
    paidOnOrder: paidOnOrderView(contract, page, format),
    progress: format.t('progress', {paid: money(contract.paid), total: money(contract.total)}),
    toCome: toCome.length ? {total: contract.remaining === null ? null : format.t('stillToPay', {amount: money(contract.remaining)}), rows: toCome} : null,
    settled: contract.stages.filter((stage) => isSettled(stage.status)).map(row),
    portal: contract.portalUrl ? {label: format.t('portal'), url: contract.portalUrl} : null,
  };

  if (cancelled) {
    return {...base, situation: 'cancelled', due: [], next: null, summary: {tone: 'info', text: format.t('cancelled')}};
  }
  if (paid) {
    return {...base, situation: 'paid', due: [], next: null, summary: {tone: 'success', text: format.t('paidInFull')}};
  }
  const due = contract.stages.filter(isDue).map((stage) => ({
    position: stage.position,
    text: format.t('dueStage', {title: stage.title, amount: money(stage.amount), when: whenLabel(timingOf(stage), format)}),
    payUrl: stage.payUrl,
    payLabel: format.t('payNow'),
    tone: stage.status === 'invoiced' ? ('warning' as const) : ('critical' as const),
    message: format.t(`due.${stage.status}`, {title: stage.title}),
  }));
  if (due.length > 0) {
    return {...base, situation: 'due', due, next: null, summary: null};
  }
  const upcoming = contract.stages.find((stage) => stage.status === 'scheduled' || stage.status === 'invoiced');
  return {
    ...base,
    situation: 'upcoming',
    due: [],
    next: upcoming ? format.t('next', {title: upcoming.title, amount: money(upcoming.amount), when: whenLabel(timingOf(upcoming), format)}) : null,
    summary: {tone: 'info', text: format.t('nothingDue')},
  };
}

function paidOnOrderView(contract: BuyerContract, page: BlockPage, format: Formatter): {line: string; discount: string | null; titles: string} | null {
  const paid = contract.paidOnOrder;
  if (!paid) return null;
  const amount = format.money(paid.amount, contract.currency);
  const taxes = taxesText(paid.tax, contract.currency, format);
  const titles = contract.stages.filter((stage) => paid.positions.includes(stage.position)).map((stage) => stage.title);
  return {
    line: taxes ? format.t(`paid.${page}WithTax`, {amount, taxes}) : format.t(`paid.${page}`, {amount}),
    discount: paid.discount ? discountLine(paid.discount, contract.currency, format) : null,
    titles: format.list(titles),
  };
}

function discountLine(discount: EarlyPaymentDiscount, currency: string, format: Formatter): string {
  const amount = format.money(discount.amount, currency);
  return discount.percent === null
    ? format.t('paid.discount', {amount})
    : format.t('paid.discountWithPercent', {amount, percent: format.percent(discount.percent)});
}

function timingOf(stage: ContractStage): StageTiming {
  if (stage.dueDate) return {kind: 'date', date: stage.dueDate};
  return stage.trigger ? {kind: 'event', trigger: stage.trigger} : {kind: 'unknown'};
}

function isSettled(status: StageStatus): boolean {
  return status === 'paid' || status === 'cancelled' || status === 'refunded';
}
