/** @jsxImportSource preact */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- Shopify's documented way to type the target's global `shopify`
/// <reference types="@shopify/ui-extensions/customer-account.page.render" />
import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import type {Api} from '@shopify/ui-extensions/customer-account.page.render';

import {APP_URL} from '../../buyer-schedule/src/app-url';
import {buyerFormatter} from '../../buyer-schedule/src/format';
import {shopifyApi} from '../../buyer-schedule/src/shopify-global';
import {loadPaymentPlans} from './payment-plans-api';
import {createPlansStore} from './payment-plans-store';
import {PaymentPlansPage} from './PaymentPlansPage';

/** customer-account.page.render: the signed-in customer's payment plans in the shop, from the app. */
export default async function extension() {
  const api = shopifyApi<Api>();
  const {store, format} = setUpPaymentPlans(api, globalThis.fetch);
  render(<PaymentPlansPage store={store} format={format} />, document.body);
  await store.load();
}

export function setUpPaymentPlans(api: Api, fetchFn: typeof globalThis.fetch) {
  const store = createPlansStore(() => loadPaymentPlans({appUrl: APP_URL, getToken: () => api.sessionToken.get(), fetch: fetchFn}));
  return {store, format: buyerFormatter(api)};
}
