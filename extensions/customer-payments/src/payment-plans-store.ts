import {signal, type Signal} from '@preact/signals';

import type {PlansResult} from './payment-plans-api';
import type {PlansState} from './payment-plans-view';

export interface PlansStore {
  state: Signal<PlansState>;
  load(): Promise<void>;
}

/** Holds what the "Payment plans" page shows: loading, then the customer's plans or an error. */
export function createPlansStore(fetchPlans: () => Promise<PlansResult>): PlansStore {
  const state = signal<PlansState>({kind: 'loading'});
  return {
    state,
    async load() {
      state.value = {kind: 'loading'};
      state.value = await fetchPlans();
    },
  };
}
