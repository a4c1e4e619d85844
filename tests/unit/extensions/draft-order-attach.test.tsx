/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';

import {AttachAction} from '../../../extensions/draft-order-attach/src/AttachAction';
import {createAttachStore, NO_DRAFT_ORDER} from '../../../extensions/draft-order-attach/src/attach-store';
import {CONFIRM_LABEL, NO_PLANS, OPEN_IN_APP_LABEL} from '../../../extensions/draft-order-attach/src/attach-view';
import {createFormatter} from '../../../extensions/draft-order-attach/src/format';
import {findElement, hostElements, html, jsonResponse, mockExtension, textOf} from './render-helpers';

const DRAFT = 'gid://shopify/DraftOrder/1001';
const format = createFormatter('en-US');

const OPTIONS = {
  draftOrder: {id: DRAFT, name: '#D12', customer: 'Ada Lovelace', total: '10000.00', currency: 'USD'},
  mode: 'stageOrder',
  plans: [
    {id: 'plan-b', name: '30/50/20', isDefault: true},
    {id: 'plan-a', name: 'Half now, half later', isDefault: false},
  ],
};

const PREVIEW_B = {
  mode: 'stageOrder',
  currency: 'USD',
  total: '10000.00',
  stages: [
    {position: 1, title: 'Deposit', amount: '3000.00', dueDate: '2026-11-21', when: 'at checkout', tax: [{title: 'VAT', amount: '500.00'}]},
    {position: 2, title: 'Before shipping', amount: '5000.00', dueDate: null, when: 'when the order is ready to ship', tax: []},
    {position: 3, title: 'Balance', amount: '2000.00', dueDate: '2027-01-20', when: 'on 2027-01-20', tax: []},
  ],
};

const PREVIEW_A = {
  ...PREVIEW_B,
  stages: [
    {...PREVIEW_B.stages[0]!, title: 'Half now', amount: '5000.00'},
    {...PREVIEW_B.stages[2]!, position: 2, title: 'Half later', amount: '5000.00'},
  ],
};

type Route = (init: RequestInit | undefined) => Response | Promise<Response>;

/** A fetch that answers by path, as the app would; records each call. */
function appFetch(routes: Record<string, Route>) {
  return vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const route = routes[url];
    if (!route) return jsonResponse(404, {error: `no route ${url}`});
    return route(init);
  });
}

const OPTIONS_URL = `/api/attach/options?draftOrderId=${encodeURIComponent(DRAFT)}`;
const previewUrl = (planId: string) => `/api/attach/preview?draftOrderId=${encodeURIComponent(DRAFT)}&planId=${planId}`;

const mock = mockExtension('admin.draft-order-details.action.render', 'draft-order-attach');
beforeEach(mock.setUp);
afterEach(mock.tearDown);

function setUp(routes: Record<string, Route>, draftOrderId: string | null = DRAFT) {
  const shopify = mock.extension.shopify;
  shopify.data = {selected: draftOrderId ? [{id: draftOrderId}] : []};
  const close = vi.fn();
  shopify.close = close;
  const fetch = appFetch(routes);
  const selected = shopify.data.selected[0]?.id;
  const store = createAttachStore({draftOrderId: selected, fetch, close: () => shopify.close()});
  const tree = () => <AttachAction store={store} draftOrderId={selected} format={format} />;
  return {store, fetch, close, tree, text: () => textOf(html(tree()))};
}

const confirmButton = (tree: ReturnType<typeof setUp>['tree']) =>
  hostElements(tree()).find((element) => element.type === 's-button' && element.props.slot === 'primary-action');

describe('draft order action (admin.draft-order-details.action.render)', () => {
  it('is loading before the options arrive, with Confirm disabled', () => {
    const {tree} = setUp({[OPTIONS_URL]: () => new Promise(() => {})});
    expect(findElement(tree(), 's-admin-action')?.props.loading).toBe(true);
    expect(confirmButton(tree)?.props.disabled).toBe(true);
  });

  it('loads the options, previews the default plan and shows the schedule', async () => {
    const {store, fetch, tree, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
    });
    await store.start();
    expect(fetch.mock.calls.map((call) => call[0])).toEqual([OPTIONS_URL, previewUrl('plan-b')]);
    const shown = text();
    expect(shown).toContain('#D12 · Ada Lovelace');
    expect(shown).toContain('Total $10,000.00');
    expect(shown).toContain('Each stage is invoiced as its own order');
    expect(shown).toMatch(/1\. Deposit \$3,000\.00 at checkout Includes VAT \$500\.00/);
    expect(shown).toMatch(/2\. Before shipping \$5,000\.00 when the order is ready to ship/);
    expect(findElement(tree(), 's-select')?.props.value).toBe('plan-b');
    const options = hostElements(tree()).filter((element) => element.type === 's-option');
    expect(options.map((option) => option.props.children)).toEqual(['30/50/20 (customer default)', 'Half now, half later']);
    expect(confirmButton(tree)?.props).toMatchObject({disabled: false, loading: false, children: CONFIRM_LABEL});
    const open = hostElements(tree()).find((element) => element.props.slot === 'secondary-actions');
    expect(open?.props).toMatchObject({href: `app:/app/attach?draftOrderId=${encodeURIComponent(DRAFT)}`, children: OPEN_IN_APP_LABEL});
  });

  it('previews another plan when the merchant picks it', async () => {
    const {store, tree, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
      [previewUrl('plan-a')]: () => jsonResponse(200, PREVIEW_A),
    });
    await store.start();
    const onChange = findElement(tree(), 's-select')?.props.onChange as (event: unknown) => void;
    onChange({currentTarget: {value: 'plan-a'}});
    await vi.waitFor(() => expect(text()).toContain('Half later'));
    expect(findElement(tree(), 's-select')?.props.value).toBe('plan-a');
  });

  it('keeps only the newest preview when plans are switched quickly', async () => {
    let releaseB: (response: Response) => void = () => {};
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => new Promise<Response>((resolve) => (releaseB = resolve)),
      [previewUrl('plan-a')]: () => jsonResponse(200, PREVIEW_A),
    });
    const started = store.start();
    await vi.waitFor(() => expect(store.state.value.phase).toBe('ready'));
    await store.selectPlan('plan-a');
    releaseB(jsonResponse(200, PREVIEW_B));
    await started;
    expect(text()).toContain('Half later');
    expect(text()).not.toContain('Before shipping');
  });

  it('shows a preview error in place and keeps Confirm disabled', async () => {
    const {store, tree, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(422, {error: 'The plan needs a due date for stage 3'}),
    });
    await store.start();
    expect(text()).toContain('The plan needs a due date for stage 3');
    expect(confirmButton(tree)?.props.disabled).toBe(true);
  });

  it('shows an {"error"} preview answered with 200 as an error too', async () => {
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, {error: 'Draft order has no line items'}),
    });
    await store.start();
    expect(text()).toContain('Draft order has no line items');
  });

  it('confirms: posts the draft order and plan, then closes the modal', async () => {
    const attach = vi.fn((_init: RequestInit | undefined) => jsonResponse(200, {contractId: 'c_1'}));
    const {store, tree, close} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
      '/api/attach': attach,
    });
    await store.start();
    (confirmButton(tree)?.props.onClick as () => void)();
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    expect(attach).toHaveBeenCalledTimes(1);
    const init = attach.mock.calls[0]![0]!;
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({draftOrderId: DRAFT, planId: 'plan-b'});
  });

  it('shows an attach error in place and does not close', async () => {
    const {store, tree, close, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
      '/api/attach': () => jsonResponse(409, {error: 'A plan is already attached to this draft order'}),
    });
    await store.start();
    await store.confirm();
    expect(close).not.toHaveBeenCalled();
    expect(text()).toContain('A plan is already attached to this draft order');
    expect(confirmButton(tree)?.props).toMatchObject({disabled: false, loading: false});
  });

  it('shows a generic message for an error without a body', async () => {
    const {store, close, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
      '/api/attach': () => new Response('<html>Bad gateway</html>', {status: 502}),
    });
    await store.start();
    await store.confirm();
    expect(close).not.toHaveBeenCalled();
    expect(text()).toContain('Something went wrong. Please try again.');
    expect(text()).not.toContain('Bad gateway');
  });

  it('shows the options error when they cannot be loaded', async () => {
    const {store, tree, text} = setUp({[OPTIONS_URL]: () => jsonResponse(404, {error: 'Draft order not found'})});
    await store.start();
    expect(text()).toContain('Draft order not found');
    expect(findElement(tree(), 's-admin-action')?.props.loading).toBe(false);
    expect(confirmButton(tree)?.props.disabled).toBe(true);
  });

  it('says there are no plans yet', async () => {
    const {store, fetch, text, tree} = setUp({[OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS, plans: []})});
    await store.start();
    expect(text()).toContain(NO_PLANS);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(findElement(tree(), 's-select')).toBeUndefined();
  });

  it('asks to be opened from a draft order when none is selected', async () => {
    const {store, fetch, text} = setUp({}, null);
    await store.start();
    expect(text()).toContain(NO_DRAFT_ORDER);
    expect(fetch).not.toHaveBeenCalled();
  });
});
