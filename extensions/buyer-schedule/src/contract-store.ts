import {signal, type Signal} from '@preact/signals';

import type {LoadResult} from './contract-api';
import type {BlockState} from './contract-view';

export interface ContractStore {
  state: Signal<BlockState>;
  load(): Promise<void>;
}

/**
 * Holds what the thank-you / order-status block shows. `retryNotFoundMs` re-asks after a 404:
 * on the thank-you page the app may learn about the new order (orders/create webhook) a few
 * seconds after the buyer lands there.
 */
export function createContractStore(
  fetchContract: () => Promise<LoadResult>,
  options: {retryNotFoundMs?: number[]; sleep?: (ms: number) => Promise<void>} = {},
): ContractStore {
  const state = signal<BlockState>({kind: 'loading'});
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = options.retryNotFoundMs ?? [];
  return {
    state,
    async load() {
      state.value = {kind: 'loading'};
      let result = await fetchContract();
      for (const delay of retries) {
        if (result.kind !== 'none') break;
        await sleep(delay);
        result = await fetchContract();
      }
      state.value = result;
    },
  };
}
