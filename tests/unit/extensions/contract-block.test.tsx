/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Api as OrderStatusApi} from '@shopify/ui-extensions/customer-account.order-status.block.render';
import type {Api as ThankYouApi} from '@shopify/ui-extensions/purchase.thank-you.block.render';

import {APP_URL} from '../../../extensions/buyer-schedule/src/app-url';
import {loadContract, parseContractResponse} from '../../../extensions/buyer-schedule/src/contract-api';
import {ContractBlock} from '../../../extensions/buyer-schedule/src/ContractBlock';
import {createContractStore, type ContractStore} from '../../../extensions/buyer-schedule/src/contract-store';
import {CANCELLED_MESSAGE, LOAD_ERROR_MESSAGE, PAID_IN_FULL} from '../../../extensions/buyer-schedule/src/contract-view';
import {createFormatter} from '../../../extensions/buyer-schedule/src/format';
import {setUpOrderStatus} from '../../../extensions/buyer-schedule/src/OrderStatus';
import {SCHEDULE_ATTRIBUTE_KEY} from '../../../extensions/buyer-schedule/src/schedule-attribute';
import {setUpThankYou} from '../../../extensions/buyer-schedule/src/ThankYou';
import {BALANCE_SCHEDULED, contract, DEPOSIT_PAID, SCHEDULE_JSON, SHIPPING_INVOICED} from './fixtures';
import {findElement, hostElements, html, jsonResponse, mockExtension, textOf} from './render-helpers';

const format = createFormatter('en-US');

function render(store: ContractStore) {
  const tree = <ContractBlock store={store} format={format} />;
  return {markup: html(tree), text: textOf(html(tree)), tree};
}

async function loaded(status: number, body: unknown) {
  const fetch = vi.fn(async () => jsonResponse(status, body));
  const store = createContractStore(() => loadContract({appUrl: APP_URL, orderId: 'gid://shopify/Order/1', getToken: async () => 'token', fetch}));
  await store.load();
  return render(store);
}

describe('thank-you / order-status block states', () => {
  it('shows a placeholder while loading', () => {
    const store = createContractStore(() => new Promise(() => {}));
    const {markup, text} = render(store);
    expect(text).toBe('Payment schedule');
    expect(markup).toContain('<s-skeleton-paragraph');
  });

  it('renders nothing when the order has no payment schedule (404)', async () => {
    expect((await loaded(404, {error: 'No payment schedule for this order'})).markup).toBe('');
  });

  it.each([
    ['a server error', 500, {error: 'Internal error at stack frame …'}],
    ['an unauthorised answer', 401, {error: 'Unauthorized'}],
    ['an unexpected shape', 200, {contract: {status: 'active'}}],
  ])('shows a short polite banner on %s, never the detail', async (_name, status, body) => {
    const {markup, text} = await loaded(status, body);
    expect(markup).toContain('<s-banner tone="warning"');
    expect(text).toContain(LOAD_ERROR_MESSAGE);
    expect(text).not.toMatch(/stack|Unauthorized|Internal/);
  });

  it('shows a banner when the request itself fails', async () => {
    const store = createContractStore(() =>
      loadContract({
        appUrl: APP_URL,
        orderId: 'gid://shopify/Order/1',
        getToken: async () => 'token',
        fetch: async () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    );
    await store.load();
    expect(render(store).text).toContain(LOAD_ERROR_MESSAGE);
  });

  it('offers "Pay now" for a stage that is due', async () => {
    const {text, tree} = await loaded(200, contract('active', [DEPOSIT_PAID, SHIPPING_INVOICED, BALANCE_SCHEDULED]));
    expect(text).toContain('$3,000.00 of $10,000.00 paid');
    expect(text).toContain('Before shipping is due.');
    expect(text).toContain('Before shipping: $5,000.00 (Due Dec 1, 2026)');
    const payButtons = hostElements(tree).filter((element) => element.type === 's-button');
    expect(payButtons).toHaveLength(1);
    expect(payButtons[0]?.props.href).toBe(SHIPPING_INVOICED.payUrl);
    expect(text).not.toContain(PAID_IN_FULL);
  });

  it.each([
    ['overdue', 'Before shipping is overdue.'],
    ['failed', 'The payment for Before shipping did not go through. Please pay it again.'],
  ])('offers "Pay now" for a stage that is %s, with a critical tone', async (status, message) => {
    const {text, tree} = await loaded(200, contract('active', [DEPOSIT_PAID, {...SHIPPING_INVOICED, status}, BALANCE_SCHEDULED]));
    expect(text).toContain(message);
    expect(findElement(tree, 's-button')?.props.href).toBe(SHIPPING_INVOICED.payUrl);
    expect(hostElements(tree).find((e) => e.type === 's-banner' && e.props.heading === message)?.props.tone).toBe('critical');
  });

  it('shows the next stage and its date when nothing is due yet', async () => {
    const {text, tree} = await loaded(
      200,
      contract('active', [DEPOSIT_PAID, {...SHIPPING_INVOICED, status: 'paid', payUrl: null}, BALANCE_SCHEDULED], '8000.00'),
    );
    expect(text).toContain('Nothing is due right now.');
    expect(text).toContain('Next payment: Balance, $2,000.00 (Due Jan 20, 2027)');
    expect(findElement(tree, 's-button')).toBeUndefined();
  });

  it('says "date to be confirmed" for an event-triggered next stage', async () => {
    const {text} = await loaded(200, contract('active', [DEPOSIT_PAID, {...SHIPPING_INVOICED, status: 'scheduled', dueDate: null, payUrl: null}]));
    expect(text).toContain('Next payment: Before shipping, $5,000.00 (Date to be confirmed)');
  });

  it('does not offer "Pay now" for an invoiced stage without a link', async () => {
    const {text, tree} = await loaded(200, contract('active', [DEPOSIT_PAID, {...SHIPPING_INVOICED, payUrl: null}]));
    expect(findElement(tree, 's-button')).toBeUndefined();
    expect(text).toContain('Next payment: Before shipping');
  });

  it('says "Paid in full" when every stage is paid', async () => {
    const paid = [DEPOSIT_PAID, {...SHIPPING_INVOICED, status: 'paid', payUrl: null}, {...BALANCE_SCHEDULED, status: 'paid'}];
    const {text, tree} = await loaded(200, contract('completed', paid, '10000.00'));
    expect(text).toContain(PAID_IN_FULL);
    expect(text).toContain('$10,000.00 of $10,000.00 paid');
    expect(findElement(tree, 's-button')).toBeUndefined();
    expect(text).not.toContain('Next payment');
  });

  it('says the schedule was cancelled and offers no payment', async () => {
    const stages = [DEPOSIT_PAID, {...SHIPPING_INVOICED, status: 'cancelled'}, {...BALANCE_SCHEDULED, status: 'cancelled'}];
    const {text, tree} = await loaded(200, contract('cancelled', stages));
    expect(text).toContain(CANCELLED_MESSAGE);
    expect(findElement(tree, 's-button')).toBeUndefined();
    expect(text).not.toContain(PAID_IN_FULL);
  });

  it('never turns a non-web payUrl into a link', () => {
    const parsed = parseContractResponse(contract('active', [{...SHIPPING_INVOICED, payUrl: 'javascript:alert(1)'}]));
    expect(parsed?.stages[0]?.payUrl).toBeNull();
  });
});

describe('thank-you page (purchase.thank-you.block.render)', () => {
  const mock = mockExtension('purchase.thank-you.block.render', 'buyer-schedule');
  beforeEach(mock.setUp);
  afterEach(mock.tearDown);
  const api = () => mock.extension.shopify as unknown as ThankYouApi;

  it('asks the app for the confirmed order with the session token and its confirmation number (a guest needs it)', async () => {
    mock.extension.shopify.attributes.value = [{key: SCHEDULE_ATTRIBUTE_KEY, value: SCHEDULE_JSON}];
    mock.extension.shopify.orderConfirmation.value = {
      ...mock.extension.shopify.orderConfirmation.value,
      order: {id: 'gid://shopify/OrderIdentity/42'},
      number: 'XPAV284CT',
    };
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse(200, contract('active', [DEPOSIT_PAID, SHIPPING_INVOICED])));
    const {store, format} = setUpThankYou(api(), fetch as typeof globalThis.fetch, []);
    await store.load();
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:3000/api/buyer/schedule?orderId=gid%3A%2F%2Fshopify%2FOrderIdentity%2F42&confirmationNumber=XPAV284CT',
      expect.objectContaining({headers: expect.objectContaining({Authorization: 'Bearer mock-session-token'})}),
    );
    expect(textOf(html(<ContractBlock store={store} format={format} />))).toContain('Pay now');
  });

  it('retries a 404 while the app learns about the new order', async () => {
    mock.extension.shopify.attributes.value = [{key: SCHEDULE_ATTRIBUTE_KEY, value: SCHEDULE_JSON}];
    mock.extension.shopify.orderConfirmation.value = {...mock.extension.shopify.orderConfirmation.value, number: 'XPAV284CT'};
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(404, {error: 'not found'}))
      .mockResolvedValueOnce(jsonResponse(200, contract('active', [DEPOSIT_PAID, SHIPPING_INVOICED])));
    const {store} = setUpThankYou(api(), fetch, [1]);
    await store.load();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(store.state.value.kind).toBe('ok');
  });

  it('renders nothing and calls nothing for an order without the schedule attribute', async () => {
    mock.extension.shopify.attributes.value = [];
    const fetch = vi.fn();
    const {store, format} = setUpThankYou(api(), fetch, [1]);
    await store.load();
    expect(fetch).not.toHaveBeenCalled();
    expect(html(<ContractBlock store={store} format={format} />)).toBe('');
  });
});

describe('order status page (customer-account.order-status.block.render)', () => {
  const mock = mockExtension('customer-account.order-status.block.render', 'buyer-schedule');
  beforeEach(mock.setUp);
  afterEach(mock.tearDown);

  it('asks the app for the order on the page with the session token and its confirmation number', async () => {
    mock.extension.shopify.order.value = {...mock.extension.shopify.order.value!, id: 'gid://shopify/Order/7', confirmationNumber: 'K3M9ZQ2TA'};
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse(404, {error: 'none'}));
    const {store, format} = setUpOrderStatus(mock.extension.shopify as unknown as OrderStatusApi, fetch as typeof globalThis.fetch);
    await store.load();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('http://localhost:3000/api/buyer/schedule?orderId=gid%3A%2F%2Fshopify%2FOrder%2F7&confirmationNumber=K3M9ZQ2TA');
    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({Authorization: 'Bearer mock-session-token'});
    expect(html(<ContractBlock store={store} format={format} />)).toBe('');
  });
});
