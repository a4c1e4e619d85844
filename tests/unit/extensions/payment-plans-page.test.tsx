/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Api} from '@shopify/ui-extensions/customer-account.page.render';

import {setUpPaymentPlans} from '../../../extensions/customer-payments/src/PaymentPlans';
import {PaymentPlansPage} from '../../../extensions/customer-payments/src/PaymentPlansPage';
import {parsePaymentPlans} from '../../../extensions/customer-payments/src/payment-plans-api';
import {BALANCE_SCHEDULED, DEPOSIT_PAID, ISSUE_CONTRACT, SHIPPING_INVOICED} from './fixtures';
import {hostElements, html, jsonResponse, mockExtension, textOf} from './render-helpers';
import {localeFilesOf, translatorFor} from './translations';

const FILES = localeFilesOf('customer-payments');
const PORTAL = 'https://tranche.example/portal/abc.sig';
const PDF = 'https://tranche.example/portal/abc.sig/invoices/2.pdf';

/** What `GET /api/buyer/contracts` answers: a plan with a stage due (invoiced, with its PDF), and a paid-in-full one. */
const PLANS = {
  contracts: [
    {
      name: '#1002',
      status: 'active',
      currency: 'USD',
      total: '10000.00',
      paid: '3000.00',
      remaining: '7000.00',
      paidOnOrder: null,
      stages: [DEPOSIT_PAID, {...SHIPPING_INVOICED, invoiceNumber: 'TR-000004', invoicePdfUrl: PDF}, BALANCE_SCHEDULED],
      portalUrl: PORTAL,
    },
    {
      ...ISSUE_CONTRACT.contract,
      name: '#D12',
      status: 'completed',
      paid: '22769.39',
      remaining: '0.00',
      // The page names no order, so the app sends no "paid with this order".
      paidOnOrder: null,
      stages: ISSUE_CONTRACT.contract.stages.map((stage) => ({...stage, status: 'paid'})),
      portalUrl: PORTAL,
    },
  ],
  portalUrl: PORTAL,
};

describe('customer account "Payment plans" page (customer-account.page.render)', () => {
  const mock = mockExtension('customer-account.page.render', 'customer-payments');
  beforeEach(mock.setUp);
  afterEach(mock.tearDown);

  async function page(status: number, body: unknown, language = 'en') {
    mock.extension.shopify.localization.language.value = {isoCode: language};
    mock.extension.shopify.i18n.translate = translatorFor(language, FILES) as typeof mock.extension.shopify.i18n.translate;
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse(status, body));
    const {store, format} = setUpPaymentPlans(mock.extension.shopify as unknown as Api, fetch as typeof globalThis.fetch);
    const loading = textOf(html(<PaymentPlansPage store={store} format={format} />));
    await store.load();
    const tree = <PaymentPlansPage store={store} format={format} />;
    return {fetch, loading, tree, markup: html(tree), text: textOf(html(tree))};
  }

  it("asks the app for the customer's plans with the session token", async () => {
    const {fetch, loading} = await page(200, PLANS);
    expect(loading).toContain('Loading your payment plans…');
    expect(fetch.mock.calls[0]?.[0]).toBe('http://localhost:3000/api/buyer/contracts');
    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({Authorization: 'Bearer mock-session-token'});
  });

  it('lists every plan: its name and status, what is paid and still to pay, each stage, pay and invoice links, and the portal', async () => {
    const {markup, text, tree} = await page(200, PLANS);
    expect(markup).toContain('<s-page heading="Payment plans"');
    const sections = hostElements(tree).filter((element) => element.type === 's-section');
    expect(sections.map((section) => section.props.heading)).toEqual(['#1002', '#D12']);
    expect(text).toContain('Active');
    expect(text).toContain('$3,000.00 of $10,000.00 paid');
    expect(text).toContain('Still to pay: $7,000.00');
    expect(text).toContain('Before shipping: $5,000.00 (Due Dec 1, 2026)');
    expect(text).toContain('Balance');
    expect(text).toContain('Due Jan 20, 2027');
    expect(text).toContain('Paid in full');
    expect(text).toContain('$22,769.39 of $22,769.39 paid');
    expect(text).not.toContain('Payment schedule');
    expect(text).not.toContain('Paid with this order');
    const buttons = hostElements(tree).filter((element) => element.type === 's-button');
    expect(buttons.map((button) => button.props.href)).toEqual([SHIPPING_INVOICED.payUrl]);
    const links = hostElements(tree).filter((element) => element.type === 's-link');
    expect(links.map((link) => link.props.href)).toEqual([PDF, PORTAL]);
    expect(text).toContain('Invoice TR-000004 (PDF)');
    expect(text).toContain('Statements, invoices and all your payments');
  });

  it('speaks German to a German customer', async () => {
    const {markup, text} = await page(200, PLANS, 'de');
    expect(markup).toContain('<s-page heading="Zahlungspläne"');
    expect(text).toContain('Aktiv');
    expect(text).toContain('Noch zu zahlen: 7.000,00 $');
    expect(text).toContain('Jetzt bezahlen');
    expect(text).toContain('Rechnung TR-000004 (PDF)');
    expect(text).toContain('Kontoauszüge, Rechnungen und alle Ihre Zahlungen');
    expect(text).toContain('Vollständig bezahlt');
  });

  it('says when the customer has no plans', async () => {
    const {text, tree} = await page(200, {contracts: [], portalUrl: null});
    expect(text).toContain('You have no payment plans.');
    expect(hostElements(tree).filter((element) => element.type === 's-link')).toEqual([]);
  });

  it.each([
    ['an error', 401, {error: 'the session token does not name a customer'}],
    ['an unexpected shape', 200, {contracts: [{status: 'active'}]}],
  ])('shows a short banner on %s, never the detail', async (_name, status, body) => {
    const {markup, text} = await page(status, body);
    expect(markup).toContain('<s-banner tone="warning"');
    expect(text).toContain('Your payment plans could not be loaded. Please try again later.');
    expect(text).not.toContain('customer');
  });

  it('never turns a non-web portal link into a link', () => {
    expect(parsePaymentPlans({contracts: [], portalUrl: 'javascript:alert(1)'})?.portalUrl).toBeNull();
  });
});
