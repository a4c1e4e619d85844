/** @jsxImportSource preact */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- Shopify's documented way to type the target's global `shopify`
/// <reference types="@shopify/ui-extensions/admin.draft-order-details.action.render" />
import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import type {Api} from '@shopify/ui-extensions/admin.draft-order-details.action.render';

import {AttachAction} from './AttachAction';
import {createAttachStore} from './attach-store';
import {createFormatter} from './format';

/** admin.draft-order-details.action.render: pick a plan, preview its schedule, attach it. */
export default async function extension() {
  const api = (globalThis as unknown as {shopify: Api}).shopify;
  const draftOrderId = api.data.selected[0]?.id;
  const store = createAttachStore({draftOrderId, fetch: globalThis.fetch, close: () => api.close()});
  render(<AttachAction store={store} draftOrderId={draftOrderId} format={createFormatter()} />, document.body);
  await store.start();
}
