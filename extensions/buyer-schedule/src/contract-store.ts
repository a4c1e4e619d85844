import {signal, type Signal} from '@preact/signals';

import type {LoadResult} from './contract-api';
import type {BlockState} from './contract-view';

export interface ContractStore {
  state: Signal<BlockState>;
  load(): Promise<void>;
}

export interface RetryOptions {
  /** The pauses before asking again, while `until` is not met. */
  delaysMs?: number[];
  /** The answer that ends the retries; by default the app knows the order (anything but a 404). */
  until?: (result: LoadResult) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Holds what the thank-you / order-status block shows. On the thank-you page the app may learn about the
 * new order (orders/create webhook) and its payment a few seconds after the buyer lands there, so it asks
 * again after `delaysMs`. A schedule already loaded is shown while it waits, and is kept if a later ask fails.
 */
export function createContractStore(fetchContract: () => Promise<LoadResult>, options: RetryOptions = {}): ContractStore {
  const state = signal<BlockState>({kind: 'loading'});
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const until = options.until ?? ((result: LoadResult) => result.kind !== 'none');
  const delays = options.delaysMs ?? [];
  return {
    state,
    async load() {
      state.value = {kind: 'loading'};
      let result = await fetchContract();
      for (const delay of delays) {
        if (until(result)) break;
        if (result.kind === 'ok') state.value = result;
        await sleep(delay);
        const next = await fetchContract();
        if (result.kind === 'ok' && next.kind !== 'ok') break;
        result = next;
      }
      state.value = result;
    },
  };
}
