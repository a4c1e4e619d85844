/** @jsxImportSource preact */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- Shopify's documented way to type the target's global `shopify`
/// <reference types="@shopify/ui-extensions/purchase.thank-you.block.render" />
import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import type {Api} from '@shopify/ui-extensions/purchase.thank-you.block.render';

import {APP_URL} from './app-url';
import {loadContract, type LoadResult} from './contract-api';
import {ContractBlock} from './ContractBlock';
import {createContractStore} from './contract-store';
import {buyerFormatter} from './format';
import {CONTRACT_ATTRIBUTE_KEY, SCHEDULE_ATTRIBUTE_KEY} from './schedule-attribute';
import {shopifyApi} from './shopify-global';

/** Ask again for a while: the app learns about the new order and its payment from Shopify's webhooks. */
export const THANK_YOU_RETRIES_MS = [2_000, 4_000, 8_000];

/** purchase.thank-you.block.render: what was just paid and everything still to come, from the app. */
export default async function extension() {
  const api = shopifyApi<Api>();
  const {store, format} = setUpThankYou(api, globalThis.fetch);
  render(<ContractBlock store={store} page="thankYou" format={format} />, document.body);
  await store.load();
}

export function setUpThankYou(api: Api, fetchFn: typeof globalThis.fetch, retryMs = THANK_YOU_RETRIES_MS) {
  // A checkout of none of the app's drafts (the first stage's carries the schedule, every one the contract) is not
  // a Tranche order: render nothing, call nothing.
  const isTranche = (api.attributes.value ?? []).some((attribute) => attribute.key === SCHEDULE_ATTRIBUTE_KEY || attribute.key === CONTRACT_ATTRIBUTE_KEY);
  const store = createContractStore(
    async () =>
      isTranche
        ? loadContract({
            appUrl: APP_URL,
            orderId: api.orderConfirmation.value?.order.id,
            confirmationNumber: api.orderConfirmation.value?.number,
            getToken: () => api.sessionToken.get(),
            fetch: fetchFn,
          })
        : {kind: 'none'},
    {delaysMs: isTranche ? retryMs : [], until: knowsPayment},
  );
  const format = buyerFormatter(api);
  return {store, format};
}

/** Done once the app knows the order and the payment just made (or the schedule was cancelled meanwhile). */
function knowsPayment(result: LoadResult): boolean {
  if (result.kind !== 'ok') return result.kind === 'error';
  return result.contract.paidOnOrder !== null || result.contract.status === 'cancelled';
}
