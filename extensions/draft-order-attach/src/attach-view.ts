import type {AttachMode, AttachStanding, AttachTerms, CreditDecision, CreditKind, CreditLimitRefusal, DefaultFrom, ReliabilityBand} from './attach-api';
import {canConfirm, needsOverrideReason, type AttachState} from './attach-store';
import type {Formatter} from './format';

export const HEADING = 'Attach payment plan';
export const CONFIRM_LABEL = 'Attach plan';
export const ATTACH_ANYWAY_LABEL = 'Attach anyway';
export const OVER_LIMIT_HEADING = 'Over the credit limit';
export const OVERRIDE_REASON_LABEL = 'Reason for attaching over the credit limit';
export const OVERRIDE_REASON_DETAILS = 'Required to attach anyway; kept in the audit log with the figures.';
export const OPEN_IN_APP_LABEL = 'Open in Tranche';
export const NO_PLANS = 'There are no payment plans yet. Create one in Tranche first.';

const MODE_LABEL: Record<AttachMode, string> = {
  native: 'Deposit at checkout (or none), then the balance on Shopify payment terms',
  stageOrder: 'Each stage is invoiced as its own order',
};

const DEFAULT_FROM_WORDS: Record<DefaultFrom, string> = {terms: "customer's terms", lastUsed: "customer's last plan", shop: "shop's default"};

export type CreditTone = 'info' | 'success' | 'critical';

const CREDIT_TONE: Record<CreditKind, CreditTone> = {noLimit: 'info', otherCurrency: 'info', within: 'success', over: 'critical'};

/** A label and its value, as the terms and the credit figures are listed. */
export interface FigureRow {
  label: string;
  value: string;
}

export interface AttachView {
  heading: string;
  loading: boolean;
  /** A blocking error (options could not be loaded). */
  failure: string | null;
  draftOrder: {name: string; customer: string; total: string} | null;
  mode: string | null;
  plans: Array<{id: string; label: string}>;
  selectedPlanId: string | null;
  noPlans: boolean;
  /** The customer's negotiated terms and what they owe, as the admin's attach page lists them. */
  terms: {heading: string; rows: FigureRow[]} | null;
  /** The negotiated terms the previewed schedule applies, in words. */
  termsApplied: string | null;
  /** The plan has nothing due at checkout: what attaching does instead, in words. */
  nothingAtCheckout: string | null;
  /** Whether the order fits the credit limit, before staff confirm (the selected plan's preview, else the options'). */
  credit: {tone: CreditTone; summary: string} | null;
  /** The app refused the attach over the credit limit: its words and the figures. */
  overLimit: {heading: string; message: string; figures: FigureRow[]} | null;
  /** The reason staff give to attach over the credit limit; null when none is needed. */
  overrideReason: {label: string; details: string; value: string; error: string | null} | null;
  preview:
    | {kind: 'none'}
    | {kind: 'loading'}
    | {kind: 'error'; message: string}
    | {
        kind: 'ok';
        total: string;
        stages: Array<{position: number; title: string; amount: string; when: string; tax: string | null}>;
      };
  submitError: string | null;
  confirm: {label: string; disabled: boolean; loading: boolean; tone: 'auto' | 'critical'};
  /** Where "Open in Tranche" goes: the app's attach page for this draft order. */
  openInAppHref: string | null;
}

export function attachPageHref(draftOrderId: string): string {
  return `app:/app/attach?draftOrderId=${encodeURIComponent(draftOrderId)}`;
}

export function attachView(state: AttachState, draftOrderId: string | undefined, format: Formatter): AttachView {
  const base = {
    heading: HEADING,
    openInAppHref: draftOrderId ? attachPageHref(draftOrderId) : null,
    confirm: {label: CONFIRM_LABEL, disabled: true, loading: false, tone: 'auto' as const},
  };
  if (state.phase === 'loading' || state.phase === 'failed') {
    return {
      ...base,
      loading: state.phase === 'loading',
      failure: state.phase === 'failed' ? state.message : null,
      draftOrder: null,
      mode: null,
      plans: [],
      selectedPlanId: null,
      noPlans: false,
      terms: null,
      termsApplied: null,
      nothingAtCheckout: null,
      credit: null,
      overLimit: null,
      overrideReason: null,
      preview: {kind: 'none'},
      submitError: null,
    };
  }
  const {options, preview, creditRefusal} = state;
  const money = (amount: string, currency: string) => format.money(amount, currency);
  const previewed = preview.kind === 'ok' && preview.planId === state.planId ? preview.preview : null;
  // The refusal is the app's latest word on the limit: it replaces the decision shown before confirming.
  const decision: CreditDecision | null = creditRefusal ? null : (previewed?.credit ?? options.terms?.credit ?? null);
  const overriding = needsOverrideReason(state);
  const defaultWords = options.defaultFrom ? DEFAULT_FROM_WORDS[options.defaultFrom] : 'customer default';
  return {
    ...base,
    loading: false,
    failure: null,
    draftOrder: {
      name: options.draftOrder.name,
      customer: options.draftOrder.customer ?? 'No customer',
      total: money(options.draftOrder.total, options.draftOrder.currency),
    },
    mode: MODE_LABEL[options.mode],
    plans: options.plans.map((plan) => ({id: plan.id, label: plan.isDefault ? `${plan.name} (${defaultWords})` : plan.name})),
    selectedPlanId: state.planId,
    noPlans: options.plans.length === 0,
    terms: options.terms || options.standing ? termsSection(options.terms, options.standing, format) : null,
    termsApplied: previewed?.termsApplied ?? null,
    nothingAtCheckout: previewed?.nothingAtCheckout ?? null,
    credit: decision ? {tone: CREDIT_TONE[decision.kind], summary: decision.summary} : null,
    overLimit: creditRefusal ? {heading: OVER_LIMIT_HEADING, message: creditRefusal.message, figures: refusalFigures(creditRefusal.figures, format)} : null,
    overrideReason: overriding ? {label: OVERRIDE_REASON_LABEL, details: OVERRIDE_REASON_DETAILS, value: state.overrideReason, error: state.reasonError} : null,
    preview:
      preview.kind === 'idle'
        ? {kind: 'none'}
        : preview.kind === 'loading'
          ? {kind: 'loading'}
          : preview.kind === 'error'
            ? {kind: 'error', message: preview.message}
            : {
                kind: 'ok',
                total: money(preview.preview.total, preview.preview.currency),
                stages: preview.preview.stages.map((stage) => ({
                  position: stage.position,
                  title: stage.title,
                  amount: money(stage.amount, preview.preview.currency),
                  when: stage.when,
                  tax:
                    stage.tax.length === 0
                      ? null
                      : `Includes ${stage.tax.map((line) => `${line.title} ${money(line.amount, preview.preview.currency)}`).join(', ')}`,
                })),
              },
    submitError: state.submitError,
    confirm: {
      label: overriding ? ATTACH_ANYWAY_LABEL : CONFIRM_LABEL,
      disabled: !canConfirm(state),
      loading: state.submitting,
      tone: overriding ? 'critical' : 'auto',
    },
  };
}

function termsSection(terms: AttachTerms | null, standing: AttachStanding | null, format: Formatter): {heading: string; rows: FigureRow[]} {
  const record: FigureRow[] = standing ? [{label: 'Payment record', value: standingWords(standing)}] : [];
  if (!terms) return {heading: standing ? `Payment record · ${standing.subjectName}` : 'Payment record', rows: record};
  const {depositPercent, netDays, paymentDays, creditLimit} = terms;
  const owes: FigureRow[] =
    terms.exposure.length === 0
      ? [{label: 'Owes now', value: 'Nothing'}]
      : terms.exposure.map((row) => ({
          label: `Owes now (${row.currency})`,
          value: `${format.money(row.unpaid, row.currency)} on ${contracts(row.contracts)}, ${format.money(row.overdue, row.currency)} overdue`,
        }));
  return {
    heading: terms.subjectName ? `Terms and credit · ${terms.subjectName}` : 'Terms and credit',
    rows: [
      {label: 'Deposit', value: depositPercent ? `${depositPercent.value}% · ${depositPercent.from}` : 'As the plan says'},
      {label: 'Net days', value: netDays ? `${netDays.value} · ${netDays.from}` : 'As the plan says'},
      {label: 'Payment days', value: paymentDays ? `${paymentDays.value.join(', ')} · ${paymentDays.from}` : 'None'},
      {label: 'Credit limit', value: creditLimit ? `${format.money(creditLimit.amount, creditLimit.currency)} · ${creditLimit.from}` : 'None'},
      ...owes,
      ...record,
    ],
  };
}

const BAND_WORDS: Record<ReliabilityBand, string> = {reliable: 'Reliable', watch: 'Watch', risky: 'Risky'};

/** "82/100 · Reliable · 92% paid on time, worst 12 days late", as the app's customer page sums it up. */
function standingWords({view}: AttachStanding): string {
  if (view.kind === 'noHistory') return 'No payment has fallen due yet';
  const worst = view.worstDaysLate === 0 ? 'never late' : `worst ${view.worstDaysLate} day${view.worstDaysLate === 1 ? '' : 's'} late`;
  return `${view.score}/100 · ${BAND_WORDS[view.band]} · ${view.onTimePercent}% paid on time, ${worst}`;
}

function refusalFigures(figures: CreditLimitRefusal, format: Formatter): FigureRow[] {
  const money = (amount: string) => format.money(amount, figures.currency);
  return [
    {label: `${figures.subjectName}'s credit limit`, value: money(figures.limit)},
    {label: 'Owes now', value: isZero(figures.owed) ? 'Nothing' : `${money(figures.owed)} on ${contracts(figures.owedContracts)}`},
    {label: 'This order adds', value: money(figures.adds)},
    {label: 'Over the limit by', value: money(figures.over)},
    ...figures.otherCurrencies.map((row) => ({label: `Also owed in ${row.currency} (not counted)`, value: format.money(row.owed, row.currency)})),
  ];
}

function contracts(count: number): string {
  return `${count} contract${count === 1 ? '' : 's'}`;
}

function isZero(amount: string): boolean {
  return /^-?0+(\.0+)?$/.test(amount);
}
