import type {AttachMode} from './attach-api';
import {canConfirm, type AttachState} from './attach-store';
import type {Formatter} from './format';

export const HEADING = 'Attach payment plan';
export const CONFIRM_LABEL = 'Attach plan';
export const OPEN_IN_APP_LABEL = 'Open in Tranche';
export const NO_PLANS = 'There are no payment plans yet. Create one in Tranche first.';

const MODE_LABEL: Record<AttachMode, string> = {
  native: 'Deposit at checkout, then the balance on Shopify payment terms',
  stageOrder: 'Each stage is invoiced as its own order',
};

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
  confirm: {label: string; disabled: boolean; loading: boolean};
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
    confirm: {label: CONFIRM_LABEL, disabled: true, loading: false},
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
      preview: {kind: 'none'},
      submitError: null,
    };
  }
  const {options, preview} = state;
  const money = (amount: string, currency: string) => format.money(amount, currency);
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
    plans: options.plans.map((plan) => ({id: plan.id, label: plan.isDefault ? `${plan.name} (customer default)` : plan.name})),
    selectedPlanId: state.planId,
    noPlans: options.plans.length === 0,
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
    confirm: {label: CONFIRM_LABEL, disabled: !canConfirm(state), loading: state.submitting},
  };
}
