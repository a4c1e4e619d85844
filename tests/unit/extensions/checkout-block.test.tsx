/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Interceptor} from '@shopify/ui-extensions/checkout';

import {ACCEPTED_ATTRIBUTE_KEY, createAcceptance, type CheckoutDeps} from '../../../extensions/buyer-schedule/src/acceptance';
import {CheckoutBlock} from '../../../extensions/buyer-schedule/src/CheckoutBlock';
import {buyerFormatter} from '../../../extensions/buyer-schedule/src/format';
import {SCHEDULE_ATTRIBUTE_KEY} from '../../../extensions/buyer-schedule/src/schedule-attribute';
import {SCHEDULE_JSON, SCHEDULE_V1, scheduleWith} from './fixtures';
import {findElement, html, mockExtension, textOf} from './render-helpers';
import {translatorFor} from './translations';

const mock = mockExtension('purchase.checkout.block.render', 'buyer-schedule');

const ACCEPT_LABEL = 'I accept this payment schedule';
const ACCEPT_ERROR = 'Please accept the payment schedule to continue.';
const ACCEPT_NOTICE = 'By completing checkout you accept this payment schedule.';

beforeEach(() => {
  mock.setUp();
  buyerLocale('en-US');
});
afterEach(mock.tearDown);

function shopify() {
  return mock.extension.shopify;
}

/** The buyer's language, and Shopify's translation of the extension's messages into it (the tester only echoes keys). */
function buyerLocale(locale: string) {
  shopify().localization.language.value = {isoCode: locale};
  shopify().i18n.translate = translatorFor(locale) as ReturnType<typeof shopify>['i18n']['translate'];
}

function withAttribute(value: string | null, capabilities: string[] = ['block_progress']) {
  shopify().attributes.value = value === null ? [] : [{key: SCHEDULE_ATTRIBUTE_KEY, value}];
  shopify().extension.capabilities.value = capabilities as never;
}

function setUpBlock() {
  const deps = shopify() as unknown as CheckoutDeps;
  const acceptance = createAcceptance(deps);
  const format = buyerFormatter(shopify());
  const tree = () => <CheckoutBlock deps={deps} acceptance={acceptance} format={format} />;
  return {acceptance, tree, markup: () => html(tree())};
}

describe('checkout block (purchase.checkout.block.render)', () => {
  it('shows what is paid today with its tax, every stage to come with its tax and date or event, and what is left', () => {
    withAttribute(SCHEDULE_JSON);
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Payment schedule');
    expect(text).toContain('Paid today: $6,830.82, including Texas State Tax $401.81 Deposit');
    expect(text).toContain('Still to pay: $15,938.57');
    expect(text).toContain('Before shipping When the order ships including Texas State Tax $669.69 $11,384.70');
    expect(text).toContain('Balance Due Jan 20, 2027 including Texas State Tax $267.88 $4,553.87');
    // Shopify's own summary shows the untaxed deposit line's 0.00 tax: the block says why its figures differ.
    expect(text).toContain('Each payment includes its share of the order’s tax, as shown here.');
  });

  it('speaks German to a German buyer: messages, amounts and dates', () => {
    buyerLocale('de');
    withAttribute(SCHEDULE_JSON);
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Zahlungsplan');
    expect(text).toContain('Heute zu zahlen: 6.830,82 $, darin enthalten Texas State Tax 401,81 $');
    expect(text).toContain('Noch zu zahlen: 15.938,57 $');
    expect(text).toContain('Before shipping Sobald die Bestellung versandt wird darin enthalten Texas State Tax 669,69 $ 11.384,70 $');
    expect(text).toContain('Balance Fällig am 20.01.2027 darin enthalten Texas State Tax 267,88 $ 4.553,87 $');
    expect(findElement(setUpBlock().tree(), 's-checkbox')?.props.label).toBe('Ich akzeptiere diesen Zahlungsplan');
  });

  it('speaks French to a French buyer', () => {
    buyerLocale('fr-FR');
    withAttribute(SCHEDULE_JSON);
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Échéancier de paiement');
    expect(text).toContain('À payer aujourd’hui : 6 830,82 $US, dont Texas State Tax 401,81 $US');
    expect(text).toContain('Reste à payer : 15 938,57 $US');
    expect(text).toContain('Before shipping À l’expédition de la commande dont Texas State Tax 669,69 $US 11 384,70 $US');
    expect(text).toContain('Balance Échéance le 20 janv. 2027');
    expect(findElement(setUpBlock().tree(), 's-checkbox')?.props.label).toBe('J’accepte cet échéancier de paiement');
  });

  it('falls back to English messages in another language, with amounts and dates in that language', () => {
    buyerLocale('es-ES');
    withAttribute(SCHEDULE_JSON);
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Paid today: 6830,82 US$, including Texas State Tax 401,81 US$');
    expect(text).toContain('Balance Due 20 ene 2027');
  });

  it('shows the due date as the same calendar day in any time zone', () => {
    vi.stubEnv('TZ', 'Pacific/Honolulu');
    try {
      withAttribute(SCHEDULE_JSON);
      expect(textOf(setUpBlock().markup())).toContain('Due Jan 20, 2027');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('says nothing of tax for a stage without it, and only the first stage when there is one', () => {
    withAttribute(scheduleWith({taxes: [], stages: [{title: 'Payment in full', amount: '500.00', tax: [], dueDate: '2026-11-21'}]}));
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Paid today: $500.00 Payment in full');
    expect(text).not.toMatch(/including|Still to pay|tax/);
  });

  it('formats a zero-exponent currency without decimals', () => {
    withAttribute(scheduleWith({currency: 'JPY', accept: false, taxes: [], stages: [{title: 'Deposit', amount: '300000', tax: [], dueDate: null}]}));
    expect(textOf(setUpBlock().markup())).toContain('¥300,000');
  });

  it('still reads the version 1 attribute of drafts attached before, without tax', () => {
    withAttribute(JSON.stringify(SCHEDULE_V1));
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Paid today: $3,000.00 Deposit');
    expect(text).toContain('Still to pay: $7,000.00');
    expect(text).toMatch(/Before shipping When the order is ready to ship \$5,000\.00/);
    expect(text).toMatch(/Balance Due Jan 20, 2027 \$2,000\.00/);
    expect(text).not.toContain('including');
  });

  it('renders nothing for a checkout without the attribute', () => {
    withAttribute(null);
    expect(setUpBlock().markup()).toBe('');
  });

  it('renders nothing when the attribute does not parse', () => {
    withAttribute('{"v":1,"currency":"USD"');
    expect(setUpBlock().markup()).toBe('');
    withAttribute(scheduleWith({v: 3}));
    expect(setUpBlock().markup()).toBe('');
  });

  it('asks for acceptance with a required checkbox when accept is set and progress can be blocked', () => {
    withAttribute(SCHEDULE_JSON, ['block_progress']);
    const {tree, markup} = setUpBlock();
    const checkbox = findElement(tree(), 's-checkbox');
    expect(checkbox?.props).toMatchObject({label: ACCEPT_LABEL, required: true, checked: false, error: undefined});
    expect(markup()).toContain('<s-checkbox');
    expect(markup()).not.toContain(ACCEPT_NOTICE);
  });

  it('shows a notice instead of the checkbox without the block_progress capability', () => {
    withAttribute(SCHEDULE_JSON, []);
    const {tree, markup} = setUpBlock();
    expect(findElement(tree(), 's-checkbox')).toBeUndefined();
    expect(textOf(markup())).toContain(ACCEPT_NOTICE);
  });

  it('neither asks nor notes acceptance when accept is false', () => {
    withAttribute(scheduleWith({accept: false}), ['block_progress']);
    const {tree, markup} = setUpBlock();
    expect(findElement(tree(), 's-checkbox')).toBeUndefined();
    expect(textOf(markup())).not.toContain(ACCEPT_NOTICE);
  });
});

describe('checkout acceptance (buyerJourney.intercept)', () => {
  async function installed() {
    let interceptor: Interceptor | undefined;
    shopify().buyerJourney.intercept = vi.fn(async (fn: Interceptor) => {
      interceptor = fn;
      return () => {};
    });
    const block = setUpBlock();
    await block.acceptance.install();
    expect(shopify().buyerJourney.intercept).toHaveBeenCalledTimes(1);
    return {...block, intercept: (canBlockProgress: boolean) => interceptor!({canBlockProgress})};
  }

  it('blocks progress until the box is checked, showing the message in place', async () => {
    withAttribute(SCHEDULE_JSON, ['block_progress']);
    const applyAttributeChange = vi.fn(async () => ({type: 'success' as const}));
    shopify().applyAttributeChange = applyAttributeChange;
    const {tree, markup, intercept} = await installed();

    const blocked = await intercept(true);
    expect(blocked.behavior).toBe('block');
    expect(textOf(markup())).not.toContain(ACCEPT_ERROR);
    await blocked.perform?.({behavior: 'block'});
    expect(findElement(tree(), 's-checkbox')?.props.error).toBe(ACCEPT_ERROR);
    expect(markup()).toContain(ACCEPT_ERROR);

    // The buyer ticks the box: the handler the component binds updates the state.
    const onChange = findElement(tree(), 's-checkbox')?.props.onChange as (event: unknown) => void;
    onChange({currentTarget: {checked: true}});
    expect(findElement(tree(), 's-checkbox')?.props).toMatchObject({checked: true, error: undefined});
    expect(markup()).not.toContain(ACCEPT_ERROR);
    expect((await intercept(true)).behavior).toBe('allow');
    expect(applyAttributeChange).toHaveBeenCalledWith({type: 'updateAttribute', key: ACCEPTED_ATTRIBUTE_KEY, value: 'true'});

    // Unticking blocks again.
    onChange({currentTarget: {checked: false}});
    expect((await intercept(true)).behavior).toBe('block');
    expect(applyAttributeChange).toHaveBeenLastCalledWith({type: 'removeAttribute', key: ACCEPTED_ATTRIBUTE_KEY});
  });

  it('allows progress when the merchant did not grant block_progress', async () => {
    withAttribute(SCHEDULE_JSON, []);
    const {intercept} = await installed();
    expect((await intercept(false)).behavior).toBe('allow');
  });

  it('allows progress for a checkout without a schedule or one that asks no acceptance', async () => {
    withAttribute(null);
    expect((await (await installed()).intercept(true)).behavior).toBe('allow');
    withAttribute(scheduleWith({accept: false}));
    expect((await (await installed()).intercept(true)).behavior).toBe('allow');
  });

  it('does not write the acceptance attribute when the checkout forbids attribute changes', async () => {
    withAttribute(SCHEDULE_JSON);
    const applyAttributeChange = vi.fn(async () => ({type: 'success' as const}));
    shopify().applyAttributeChange = applyAttributeChange;
    shopify().instructions.value = {...shopify().instructions.value, attributes: {canUpdateAttributes: false}};
    const {acceptance, intercept} = await installed();
    acceptance.setAccepted(true);
    expect((await intercept(true)).behavior).toBe('allow');
    expect(applyAttributeChange).not.toHaveBeenCalled();
  });
});
