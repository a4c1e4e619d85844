/** @jsxImportSource preact */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- Shopify's documented way to type the target's global `shopify`
/// <reference types="@shopify/ui-extensions/customer-account.order-status.block.render" />
import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import type {Api} from '@shopify/ui-extensions/customer-account.order-status.block.render';

import {APP_URL} from './app-url';
import {loadContract} from './contract-api';
import {ContractBlock} from './ContractBlock';
import {createContractStore} from './contract-store';
import {buyerFormatter} from './format';
import {shopifyApi} from './shopify-global';

/** customer-account.order-status.block.render: what was paid with this order, what is still to pay, and "Pay now" for a stage that is due. */
export default async function extension() {
  const api = shopifyApi<Api>();
  const {store, format} = setUpOrderStatus(api, globalThis.fetch);
  render(<ContractBlock store={store} page="orderStatus" format={format} />, document.body);
  await store.load();
}

export function setUpOrderStatus(api: Api, fetchFn: typeof globalThis.fetch) {
  // The app is the authority here (an order can be a stage order of a contract), so always ask it.
  const store = createContractStore(() =>
    loadContract({
      appUrl: APP_URL,
      orderId: api.order.value?.id,
      confirmationNumber: api.order.value?.confirmationNumber,
      getToken: () => api.sessionToken.get(),
      fetch: fetchFn,
    }),
  );
  const format = buyerFormatter(api);
  return {store, format};
}
