/** @jsxImportSource preact */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- Shopify's documented way to type the target's global `shopify`
/// <reference types="@shopify/ui-extensions/purchase.checkout.block.render" />
import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import type {Api} from '@shopify/ui-extensions/purchase.checkout.block.render';

import {createAcceptance} from './acceptance';
import {CheckoutBlock} from './CheckoutBlock';
import {buyerFormatter} from './format';
import {shopifyApi} from './shopify-global';

/** purchase.checkout.block.render: the schedule from the `_tranche_schedule` checkout attribute. */
export default async function extension() {
  const api = shopifyApi<Api>();
  const acceptance = createAcceptance(api);
  // Installed once, at the top level (not in a child component that may unmount).
  void acceptance.install();
  const format = buyerFormatter(api);
  render(<CheckoutBlock deps={api} acceptance={acceptance} format={format} />, document.body);
}
