/** @jsxImportSource preact */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- Shopify's documented way to type the target's global `shopify`
/// <reference types="@shopify/ui-extensions/purchase.thank-you.block.render" />
import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import type {Api} from '@shopify/ui-extensions/purchase.thank-you.block.render';

import {APP_URL} from './app-url';
import {loadContract} from './contract-api';
import {ContractBlock} from './ContractBlock';
import {createContractStore} from './contract-store';
import {createFormatter} from './format';
import {findScheduleAttribute} from './schedule-attribute';
import {shopifyApi} from './shopify-global';

/** Retry a 404 for a while: the app learns about the new order from its orders/create webhook. */
export const THANK_YOU_NOT_FOUND_RETRIES_MS = [2_000, 4_000, 8_000];

/** purchase.thank-you.block.render: what is paid and what comes next, from the app. */
export default async function extension() {
  const api = shopifyApi<Api>();
  const {store, format} = setUpThankYou(api, globalThis.fetch);
  render(<ContractBlock store={store} format={format} />, document.body);
  await store.load();
}

export function setUpThankYou(api: Api, fetchFn: typeof globalThis.fetch, retryNotFoundMs = THANK_YOU_NOT_FOUND_RETRIES_MS) {
  // A checkout without the app's attribute is not a Tranche order: render nothing, call nothing.
  const isTranche = findScheduleAttribute(api.attributes.value) !== undefined;
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
    {retryNotFoundMs: isTranche ? retryNotFoundMs : []},
  );
  const format = createFormatter(api.localization.language.value.isoCode);
  return {store, format};
}
