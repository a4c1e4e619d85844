import {signal, type Signal} from '@preact/signals';

import {getOptions, getPreview, postAttach, type AttachOptions, type AttachPreview, type CreditLimitRefusal} from './attach-api';

export type PreviewState =
  {kind: 'idle'} | {kind: 'loading'; planId: string} | {kind: 'ok'; planId: string; preview: AttachPreview} | {kind: 'error'; planId: string; message: string};

export type AttachState =
  | {phase: 'loading'}
  | {phase: 'failed'; message: string}
  | {
      phase: 'ready';
      options: AttachOptions;
      planId: string | null;
      preview: PreviewState;
      submitting: boolean;
      submitError: string | null;
      /** The app's last over-limit refusal, in words and figures: staff may attach anyway with a reason. */
      creditRefusal: {message: string; figures: CreditLimitRefusal} | null;
      overrideReason: string;
      /** Why the reason was refused before posting. */
      reasonError: string | null;
    };

export interface AttachStore {
  state: Signal<AttachState>;
  /** Loads the options, then previews the first plan (the customer's default). */
  start(): Promise<void>;
  selectPlan(planId: string): Promise<void>;
  setOverrideReason(reason: string): void;
  /**
   * Attaches the selected plan; closes the modal on success, shows the error in place otherwise. Over the credit
   * limit it posts staff's reason, and refuses a blank one without posting.
   */
  confirm(): Promise<void>;
}

export interface AttachDeps {
  draftOrderId: string | undefined;
  fetch: typeof globalThis.fetch;
  close: () => void;
}

export const NO_DRAFT_ORDER = 'Open this action from a draft order.';
// The app's own words for a blank reason (app/services/attach/attach-terms.server.ts).
export const OVERRIDE_REASON_REQUIRED = 'Say why the credit limit is overridden: the reason is kept in the audit log with the figures.';

export function createAttachStore(deps: AttachDeps): AttachStore {
  const state = signal<AttachState>({phase: 'loading'});
  // Only the newest preview request may write its answer (the merchant can switch plans quickly).
  let previewRequest = 0;

  const update = (patch: Partial<Extract<AttachState, {phase: 'ready'}>>) => {
    const current = state.value;
    if (current.phase === 'ready') state.value = {...current, ...patch};
  };

  const store: AttachStore = {
    state,
    async start() {
      if (!deps.draftOrderId) {
        state.value = {phase: 'failed', message: NO_DRAFT_ORDER};
        return;
      }
      state.value = {phase: 'loading'};
      const result = await getOptions(deps.fetch, deps.draftOrderId);
      if (!result.ok) {
        state.value = {phase: 'failed', message: result.error};
        return;
      }
      state.value = {
        phase: 'ready',
        options: result.value,
        planId: null,
        preview: {kind: 'idle'},
        submitting: false,
        submitError: null,
        creditRefusal: null,
        overrideReason: '',
        reasonError: null,
      };
      const first = result.value.plans[0];
      if (first) await store.selectPlan(first.id);
    },
    async selectPlan(planId) {
      const current = state.value;
      if (current.phase !== 'ready' || !deps.draftOrderId) return;
      const request = ++previewRequest;
      // A credit refusal is kept: the limit weighs the draft order's total, whichever plan divides it.
      update({planId, preview: {kind: 'loading', planId}, submitError: null});
      const result = await getPreview(deps.fetch, deps.draftOrderId, planId);
      if (request !== previewRequest) return;
      update({
        preview: result.ok ? {kind: 'ok', planId, preview: result.value} : {kind: 'error', planId, message: result.error},
      });
    },
    setOverrideReason(reason) {
      update({overrideReason: reason, reasonError: null});
    },
    async confirm() {
      const current = state.value;
      if (current.phase !== 'ready' || current.submitting || !canConfirm(current) || !deps.draftOrderId) return;
      const overriding = needsOverrideReason(current);
      const reason = current.overrideReason.trim();
      if (overriding && reason === '') {
        update({reasonError: OVERRIDE_REASON_REQUIRED, submitError: null});
        return;
      }
      update({submitting: true, submitError: null, reasonError: null});
      const result = await postAttach(deps.fetch, deps.draftOrderId, current.planId!, overriding ? reason : undefined);
      if (result.ok) {
        update({submitting: false});
        deps.close();
      } else if (result.creditLimit) {
        update({submitting: false, creditRefusal: {message: result.error, figures: result.creditLimit}});
      } else {
        update({submitting: false, submitError: result.error});
      }
    },
  };
  return store;
}

/** Confirm needs a plan whose preview loaded: the merchant attaches what they saw. */
export function canConfirm(state: AttachState): boolean {
  return state.phase === 'ready' && state.planId !== null && state.preview.kind === 'ok' && state.preview.planId === state.planId && !state.submitting;
}

/**
 * Attaching needs staff's reason when the app refused the order over the credit limit, or when the selected plan's
 * preview already says it is over (as the admin's attach page asks for it up front).
 */
export function needsOverrideReason(state: AttachState): boolean {
  if (state.phase !== 'ready') return false;
  if (state.creditRefusal !== null) return true;
  return state.preview.kind === 'ok' && state.preview.planId === state.planId && state.preview.preview.credit?.kind === 'over';
}
