/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Api as OrderStatusApi} from '@shopify/ui-extensions/customer-account.order-status.block.render';
import type {Api as ThankYouApi} from '@shopify/ui-extensions/purchase.thank-you.block.render';

import {APP_URL} from '../../../extensions/buyer-schedule/src/app-url';
import {loadContract, parseContractResponse} from '../../../extensions/buyer-schedule/src/contract-api';
import {ContractBlock} from '../../../extensions/buyer-schedule/src/ContractBlock';
import {createContractStore, type ContractStore} from '../../../extensions/buyer-schedule/src/contract-store';
import type {BlockPage} from '../../../extensions/buyer-schedule/src/contract-view';
import type {Formatter} from '../../../extensions/buyer-schedule/src/format';
import {setUpOrderStatus} from '../../../extensions/buyer-schedule/src/OrderStatus';
import {CONTRACT_ATTRIBUTE_KEY, SCHEDULE_ATTRIBUTE_KEY} from '../../../extensions/buyer-schedule/src/schedule-attribute';
import {setUpThankYou} from '../../../extensions/buyer-schedule/src/ThankYou';
import {BALANCE_SCHEDULED, contract, DEPOSIT_PAID, ISSUE_CONTRACT, SCHEDULE_JSON, SHIPPING_INVOICED} from './fixtures';
import {findElement, hostElements, html, jsonResponse, mockExtension, textOf} from './render-helpers';
import {formatterFor, translatorFor} from './translations';

const LOAD_ERROR_MESSAGE = 'The payment schedule could not be loaded. Please try again later.';
const PAID_IN_FULL = 'Paid in full';
const CANCELLED_MESSAGE = 'This payment schedule was cancelled. No further payments are due.';

function render(store: ContractStore, page: BlockPage = 'orderStatus', format: Formatter = formatterFor('en-US')) {
  const tree = <ContractBlock store={store} page={page} format={format} />;
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

describe('invoice PDFs and the portal (signed-in buyers)', () => {
  const PORTAL = 'https://tranche.example/portal/abc.sig';
  const PDF = 'https://tranche.example/portal/abc.sig/invoices/2.pdf';
  const withLinks = contract('active', [DEPOSIT_PAID, {...SHIPPING_INVOICED, invoiceNumber: 'TR-000004', invoicePdfUrl: PDF}, BALANCE_SCHEDULED], '3000.00', {
    portalUrl: PORTAL,
  });

  it('links each invoiced stage to its PDF and the buyer to their portal', async () => {
    const {text, tree} = await loaded(200, withLinks);
    const links = hostElements(tree).filter((element) => element.type === 's-link');
    expect(links.map((link) => link.props.href)).toEqual([PDF, PORTAL]);
    expect(text).toContain('Invoice TR-000004 (PDF)');
    expect(text).toContain('See all your payments and invoices');
  });

  it("words the links in the buyer's language", async () => {
    const store = createContractStore(async () => ({kind: 'ok', contract: parseContractResponse(withLinks)!}));
    await store.load();
    const {text} = render(store, 'orderStatus', formatterFor('de-DE'));
    expect(text).toContain('Rechnung TR-000004 (PDF)');
    expect(text).toContain('Alle Ihre Zahlungen und Rechnungen ansehen');
  });

  it('shows no links for a guest (the app sends none) and never a non-web link', async () => {
    expect(hostElements((await loaded(200, contract('active', [DEPOSIT_PAID, SHIPPING_INVOICED]))).tree).filter((e) => e.type === 's-link')).toEqual([]);
    const bad = parseContractResponse(
      contract('active', [{...SHIPPING_INVOICED, invoiceNumber: 'TR-1', invoicePdfUrl: 'javascript:alert(1)'}], '0.00', {portalUrl: 'javascript:alert(1)'}),
    );
    expect(bad?.stages[0]?.invoice).toBeNull();
    expect(bad?.portalUrl).toBeNull();
  });
});

describe('what is paid and still to pay, with tax', () => {
  it('lists every stage to come with its tax and its date or event, and what is left', async () => {
    const {text} = await loaded(200, ISSUE_CONTRACT);
    expect(text).toContain('Paid with this order: $6,830.82, including Texas State Tax $401.81 Deposit');
    expect(text).toContain('Still to pay: $15,938.57');
    expect(text).toContain('Before shipping When the order ships including Texas State Tax $669.69 Scheduled $11,384.70');
    expect(text).toContain('Balance Due Jan 20, 2027 including Texas State Tax $267.88 Scheduled $4,553.87');
    expect(text).toContain('$6,830.82 of $22,769.39 paid Deposit Paid $6,830.82');
  });

  it('words the delay after the event a stage waits for', async () => {
    const waiting = {...BALANCE_SCHEDULED, dueDate: null, trigger: {event: 'milestone', milestone: 'Ready to ship', after: ['2w', 'day 15']}};
    const {text} = await loaded(200, contract('active', [DEPOSIT_PAID, waiting]));
    expect(text).toContain('Balance 2 weeks, then on day 15 of the month after the milestone “Ready to ship”');
  });

  it('adds up the tax lines of several stages paid with the order, each title once', async () => {
    const paidOnOrder = {
      positions: [1, 2],
      amount: '8000.00',
      tax: [
        {title: 'State Tax', amount: '400.00'},
        {title: 'City Tax', amount: '80.00'},
      ],
    };
    const stages = [DEPOSIT_PAID, {...SHIPPING_INVOICED, status: 'paid', payUrl: null}, BALANCE_SCHEDULED];
    const {text} = await loaded(200, contract('active', stages, '8000.00', {paidOnOrder, remaining: '2000.00'}));
    expect(text).toContain('Paid with this order: $8,000.00, including State Tax $400.00 and City Tax $80.00 Deposit and Before shipping');
  });

  describe('a stage settled with an early-payment discount', () => {
    // 2% off $5,000.00: $4,900.00 paid, $100.00 let off, the tax inside the money less its share of the discount.
    const discounted = {
      positions: [2],
      amount: '4900.00',
      tax: [{title: 'State Tax', amount: '245.00'}],
      discount: {amount: '100.00', percent: '2'},
    };
    const stages = [DEPOSIT_PAID, {...SHIPPING_INVOICED, status: 'paid', payUrl: null}, BALANCE_SCHEDULED];
    const answer = (paidOnOrder: Record<string, unknown>) => contract('active', stages, '7900.00', {paidOnOrder, remaining: '2000.00'});
    const shown = async (locale: string, paidOnOrder: Record<string, unknown> = discounted) => {
      const store = createContractStore(async () => ({kind: 'ok', contract: parseContractResponse(answer(paidOnOrder))!}));
      await store.load();
      return render(store, 'thankYou', formatterFor(locale)).text;
    };

    it('shows the money paid, the tax in it and the discount on a line of its own', async () => {
      expect(await shown('en-US')).toContain('Paid today: $4,900.00, including State Tax $245.00 2% early-payment discount: $100.00 Before shipping');
    });

    it.each([
      ['de-DE', 'Heute bezahlt: 4.900,00 $, darin enthalten State Tax 245,00 $ 2 % Skonto: 100,00 $'],
      ['fr-FR', 'Escompte de 2\u00a0% pour paiement anticipé\u00a0: 100,00\u00a0$US'],
    ])('words the discount in %s, its percentage as the language writes it', async (locale, words) => {
      // Intl and the locale files use no-break spaces of two widths: compare the words, not the spaces' widths.
      const spaced = (text: string) => text.replace(/\s/g, ' ');
      expect(spaced(await shown(locale))).toContain(spaced(words));
    });

    it('writes a decimal percentage in the language and leaves it out when the stages had different rules', async () => {
      expect(await shown('de-DE', {...discounted, discount: {amount: '75.00', percent: '1.5'}})).toContain('1,5 % Skonto: 75,00 $');
      const text = await shown('en-US', {...discounted, discount: {amount: '100.00', percent: null}});
      expect(text).toContain('Early-payment discount: $100.00');
      expect(text).not.toContain('%');
    });

    it('shows no discount line when none was granted or the app does not say', async () => {
      for (const paidOnOrder of [
        {...discounted, discount: null},
        {positions: [2], amount: '5000.00', tax: []},
      ]) {
        expect(await shown('en-US', paidOnOrder)).not.toMatch(/discount/i);
      }
    });

    it('refuses a malformed discount rather than show it', () => {
      expect(parseContractResponse(answer({...discounted, discount: {amount: '-100', percent: '2'}}))).toBeNull();
      expect(parseContractResponse(answer({...discounted, discount: {amount: '100.00', percent: 'two'}}))).toBeNull();
    });
  });

  it('lists a late fee by its title, after the plan, never as a numbered payment', async () => {
    const fee = {
      position: 1002,
      title: 'Late fee on payment 2 of 3 (Before shipping)',
      amount: '40.00',
      status: 'invoiced',
      dueDate: '2026-12-15',
      payUrl: 'https://shop.example/invoices/fee',
    };
    const overdue = {...SHIPPING_INVOICED, status: 'overdue'};
    const {text} = await loaded(200, contract('active', [fee, DEPOSIT_PAID, overdue, BALANCE_SCHEDULED], '3000.00', {remaining: '7040.00'}));
    expect(text).toContain('Late fee on payment 2 of 3 (Before shipping) is due.');
    expect(text).toContain('Balance Due Jan 20, 2027 Scheduled $2,000.00 Late fee on payment 2 of 3 (Before shipping) Due Dec 15, 2026 Due $40.00');
    expect(text).not.toMatch(/1002|of 4/);
  });

  it('reads an answer from an app that sends no tax, remaining or paidOnOrder yet', async () => {
    const {text} = await loaded(200, contract('active', [DEPOSIT_PAID, BALANCE_SCHEDULED]));
    expect(text).toContain('Balance Due Jan 20, 2027 Scheduled $2,000.00');
    expect(text).not.toMatch(/Still to pay|Paid with this order|including/);
  });
});

describe('thank-you page (purchase.thank-you.block.render)', () => {
  const mock = mockExtension('purchase.thank-you.block.render', 'buyer-schedule');
  beforeEach(() => {
    mock.setUp();
    buyerLocale('en-US');
    mock.extension.shopify.orderConfirmation.value = {
      ...mock.extension.shopify.orderConfirmation.value,
      order: {id: 'gid://shopify/OrderIdentity/42'},
      number: 'XPAV284CT',
    };
  });
  afterEach(mock.tearDown);
  const api = () => mock.extension.shopify as unknown as ThankYouApi;

  /** The buyer's language, and Shopify's translation of the extension's messages into it (the tester only echoes keys). */
  function buyerLocale(locale: string) {
    mock.extension.shopify.localization.language.value = {isoCode: locale};
    mock.extension.shopify.i18n.translate = translatorFor(locale) as typeof mock.extension.shopify.i18n.translate;
  }

  async function thankYouFor(body: unknown) {
    mock.extension.shopify.attributes.value = [{key: SCHEDULE_ATTRIBUTE_KEY, value: SCHEDULE_JSON}];
    const {store, format} = setUpThankYou(api(), async () => jsonResponse(200, body), []);
    await store.load();
    return textOf(html(<ContractBlock store={store} page="thankYou" format={format} />));
  }

  it('shows what was just paid with its tax, every stage to come, and what is left', async () => {
    const text = await thankYouFor(ISSUE_CONTRACT);
    expect(text).toContain('Paid today: $6,830.82, including Texas State Tax $401.81 Deposit');
    expect(text).toContain('Still to pay: $15,938.57');
    expect(text).toContain('Before shipping When the order ships including Texas State Tax $669.69');
    expect(text).toContain('Balance Due Jan 20, 2027 including Texas State Tax $267.88');
  });

  it('speaks German to a German buyer', async () => {
    buyerLocale('de-DE');
    const text = await thankYouFor(ISSUE_CONTRACT);
    expect(text).toContain('Zahlungsplan');
    expect(text).toContain('Heute bezahlt: 6.830,82 $, darin enthalten Texas State Tax 401,81 $');
    expect(text).toContain('Noch zu zahlen: 15.938,57 $');
    expect(text).toContain('Before shipping Sobald die Bestellung versandt wird darin enthalten Texas State Tax 669,69 $ Geplant 11.384,70 $');
    expect(text).toContain('Balance Fällig am 20.01.2027 darin enthalten Texas State Tax 267,88 $ Geplant 4.553,87 $');
    expect(text).toContain('6.830,82 $ von 22.769,39 $ bezahlt');
  });

  it('speaks French to a French buyer', async () => {
    buyerLocale('fr');
    const text = await thankYouFor(ISSUE_CONTRACT);
    expect(text).toContain('Échéancier de paiement');
    expect(text).toContain('Payé aujourd’hui : 6 830,82 $US, dont Texas State Tax 401,81 $US');
    expect(text).toContain('Reste à payer : 15 938,57 $US');
    expect(text).toContain('Before shipping À l’expédition de la commande dont Texas State Tax 669,69 $US Prévu 11 384,70 $US');
    expect(text).toContain('Balance Échéance le 20 janv. 2027 dont Texas State Tax 267,88 $US Prévu 4 553,87 $US');
  });

  it('asks again until the app has recorded the payment, showing the schedule meanwhile', async () => {
    mock.extension.shopify.attributes.value = [{key: SCHEDULE_ATTRIBUTE_KEY, value: SCHEDULE_JSON}];
    const unpaid = {contract: {...ISSUE_CONTRACT.contract, paidOnOrder: null}};
    const fetch = vi.fn().mockResolvedValueOnce(jsonResponse(200, unpaid)).mockResolvedValueOnce(jsonResponse(200, ISSUE_CONTRACT));
    const {store, format} = setUpThankYou(api(), fetch, [1, 1]);
    const seenWhileWaiting: string[] = [];
    const unsubscribe = store.state.subscribe(() => seenWhileWaiting.push(textOf(html(<ContractBlock store={store} page="thankYou" format={format} />))));
    await store.load();
    unsubscribe();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(seenWhileWaiting.some((text) => text.includes('Still to pay: $15,938.57') && !text.includes('Paid today'))).toBe(true);
    expect(textOf(html(<ContractBlock store={store} page="thankYou" format={format} />))).toContain('Paid today: $6,830.82');
  });

  it('keeps the schedule it showed when asking again fails', async () => {
    mock.extension.shopify.attributes.value = [{key: CONTRACT_ATTRIBUTE_KEY, value: 'c1'}];
    const unpaid = {contract: {...ISSUE_CONTRACT.contract, paidOnOrder: null}};
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, unpaid))
      .mockResolvedValueOnce(jsonResponse(500, {error: 'boom'}));
    const {store} = setUpThankYou(api(), fetch, [1, 1]);
    await store.load();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(store.state.value.kind).toBe('ok');
  });

  it("asks the app on a later stage's checkout, which carries the contract but not the schedule", async () => {
    mock.extension.shopify.attributes.value = [{key: CONTRACT_ATTRIBUTE_KEY, value: 'c1'}];
    const fetch = vi.fn(async () => jsonResponse(200, ISSUE_CONTRACT));
    const {store} = setUpThankYou(api(), fetch, []);
    await store.load();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

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
    expect(textOf(html(<ContractBlock store={store} page="thankYou" format={format} />))).toContain('Pay now');
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
    expect(html(<ContractBlock store={store} page="thankYou" format={format} />)).toBe('');
  });
});

describe('order status page (customer-account.order-status.block.render)', () => {
  const mock = mockExtension('customer-account.order-status.block.render', 'buyer-schedule');
  beforeEach(mock.setUp);
  afterEach(mock.tearDown);

  it('says what was paid with the order on the page, in the buyer language', async () => {
    mock.extension.shopify.localization.language.value = {isoCode: 'de'};
    mock.extension.shopify.i18n.translate = translatorFor('de') as typeof mock.extension.shopify.i18n.translate;
    mock.extension.shopify.order.value = {...mock.extension.shopify.order.value!, id: 'gid://shopify/Order/7', confirmationNumber: 'K3M9ZQ2TA'};
    const {store, format} = setUpOrderStatus(mock.extension.shopify as unknown as OrderStatusApi, async () => jsonResponse(200, ISSUE_CONTRACT));
    await store.load();
    const text = textOf(html(<ContractBlock store={store} page="orderStatus" format={format} />));
    expect(text).toContain('Mit dieser Bestellung bezahlt: 6.830,82 $, darin enthalten Texas State Tax 401,81 $ Deposit');
    expect(text).toContain('Noch zu zahlen: 15.938,57 $');
  });

  it('asks the app for the order on the page with the session token and its confirmation number', async () => {
    mock.extension.shopify.order.value = {...mock.extension.shopify.order.value!, id: 'gid://shopify/Order/7', confirmationNumber: 'K3M9ZQ2TA'};
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse(404, {error: 'none'}));
    const {store, format} = setUpOrderStatus(mock.extension.shopify as unknown as OrderStatusApi, fetch as typeof globalThis.fetch);
    await store.load();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('http://localhost:3000/api/buyer/schedule?orderId=gid%3A%2F%2Fshopify%2FOrder%2F7&confirmationNumber=K3M9ZQ2TA');
    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({Authorization: 'Bearer mock-session-token'});
    expect(html(<ContractBlock store={store} page="orderStatus" format={format} />)).toBe('');
  });
});
