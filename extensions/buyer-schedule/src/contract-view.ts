import type {BuyerContract, ContractStage, LoadResult, StageStatus} from './contract-api';
import type {Formatter} from './format';

export const SCHEDULE_HEADING = 'Payment schedule';
export const LOAD_ERROR_MESSAGE = 'The payment schedule could not be loaded. Please try again later.';
export const PAID_IN_FULL = 'Paid in full';
export const CANCELLED_MESSAGE = 'This payment schedule was cancelled. No further payments are due.';
export const PAY_NOW = 'Pay now';

export type BlockState = {kind: 'loading'} | LoadResult;

type Tone = 'neutral' | 'success' | 'warning' | 'critical' | 'info';

export interface StageRowView {
  position: number;
  title: string;
  amount: string;
  statusLabel: string;
  tone: Tone;
  /** "Due Dec 1, 2026", "Date to be confirmed", or null for settled stages. */
  dateLabel: string | null;
}

export interface DueStageView {
  position: number;
  title: string;
  amount: string;
  dateLabel: string | null;
  payUrl: string;
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
      /** "$3,000.00 of $10,000.00 paid". */
      progress: string;
      stages: StageRowView[];
      /** Stages the buyer can pay now (situation "due"). */
      due: DueStageView[];
      /** The next stage and when it comes (situation "upcoming"). */
      next: {title: string; amount: string; dateLabel: string} | null;
      /** A one-line summary: "Paid in full", "cancelled", "Nothing is due right now". */
      summary: {tone: Tone; text: string} | null;
    };

const STATUS_LABEL: Record<StageStatus, string> = {
  scheduled: 'Scheduled',
  invoiced: 'Due',
  paid: 'Paid',
  overdue: 'Overdue',
  failed: 'Payment failed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
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

export function contractView(state: BlockState, format: Formatter): ContractView {
  switch (state.kind) {
    case 'loading':
      return {kind: 'loading', heading: SCHEDULE_HEADING};
    case 'none':
      return {kind: 'hidden'};
    case 'error':
      return {kind: 'error', heading: SCHEDULE_HEADING, message: LOAD_ERROR_MESSAGE};
    case 'ok':
      return scheduleView(state.contract, format);
  }
}

function scheduleView(contract: BuyerContract, format: Formatter): ContractView {
  const money = (amount: string) => format.money(amount, contract.currency);
  const cancelled = contract.status === 'cancelled';
  const paid = !cancelled && isPaidInFull(contract);
  const stages = contract.stages.map((stage) => ({
    position: stage.position,
    title: stage.title,
    amount: money(stage.amount),
    statusLabel: STATUS_LABEL[stage.status],
    tone: STATUS_TONE[stage.status],
    dateLabel: isSettled(stage.status) ? null : dueLabel(stage.dueDate, format),
  }));
  const base = {
    kind: 'schedule' as const,
    heading: SCHEDULE_HEADING,
    progress: `${money(contract.paid)} of ${money(contract.total)} paid`,
    stages,
  };

  if (cancelled) {
    return {...base, situation: 'cancelled', due: [], next: null, summary: {tone: 'info', text: CANCELLED_MESSAGE}};
  }
  if (paid) {
    return {...base, situation: 'paid', due: [], next: null, summary: {tone: 'success', text: PAID_IN_FULL}};
  }
  const due = contract.stages.filter(isDue).map((stage) => ({
    position: stage.position,
    title: stage.title,
    amount: money(stage.amount),
    dateLabel: dueLabel(stage.dueDate, format),
    payUrl: stage.payUrl,
    tone: stage.status === 'invoiced' ? ('warning' as const) : ('critical' as const),
    message: dueMessage(stage),
  }));
  if (due.length > 0) {
    return {...base, situation: 'due', due, next: null, summary: null};
  }
  const upcoming = contract.stages.find((stage) => stage.status === 'scheduled' || stage.status === 'invoiced');
  return {
    ...base,
    situation: 'upcoming',
    due: [],
    next: upcoming ? {title: upcoming.title, amount: money(upcoming.amount), dateLabel: dueLabel(upcoming.dueDate, format)} : null,
    summary: {tone: 'info', text: 'Nothing is due right now.'},
  };
}

function dueMessage(stage: ContractStage): string {
  if (stage.status === 'overdue') return `${stage.title} is overdue.`;
  if (stage.status === 'failed') return `The payment for ${stage.title} did not go through. Please pay it again.`;
  return `${stage.title} is due.`;
}

function dueLabel(dueDate: string | null, format: Formatter): string {
  return dueDate ? `Due ${format.date(dueDate)}` : 'Date to be confirmed';
}

function isSettled(status: StageStatus): boolean {
  return status === 'paid' || status === 'cancelled' || status === 'refunded';
}
