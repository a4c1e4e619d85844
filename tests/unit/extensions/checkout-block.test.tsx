/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Interceptor} from '@shopify/ui-extensions/checkout';

import {ACCEPTED_ATTRIBUTE_KEY, createAcceptance, type CheckoutDeps} from '../../../extensions/buyer-schedule/src/acceptance';
import {CheckoutBlock} from '../../../extensions/buyer-schedule/src/CheckoutBlock';
import {ACCEPT_ERROR, ACCEPT_LABEL, ACCEPT_NOTICE} from '../../../extensions/buyer-schedule/src/checkout-view';
import {createFormatter} from '../../../extensions/buyer-schedule/src/format';
import {SCHEDULE_ATTRIBUTE_KEY} from '../../../extensions/buyer-schedule/src/schedule-attribute';
import {SCHEDULE_JSON, scheduleWith} from './fixtures';
import {findElement, html, mockExtension, textOf} from './render-helpers';

const mock = mockExtension('purchase.checkout.block.render', 'buyer-schedule');
const format = createFormatter('en-US');

beforeEach(mock.setUp);
afterEach(mock.tearDown);

function shopify() {
  return mock.extension.shopify;
}

function withAttribute(value: string | null, capabilities: string[] = ['block_progress']) {
  shopify().attributes.value = value === null ? [] : [{key: SCHEDULE_ATTRIBUTE_KEY, value}];
  shopify().extension.capabilities.value = capabilities as never;
}

function setUpBlock() {
  const deps = shopify() as unknown as CheckoutDeps;
  const acceptance = createAcceptance(deps);
  const tree = () => <CheckoutBlock deps={deps} acceptance={acceptance} format={format} />;
  return {acceptance, tree, markup: () => html(tree())};
}

describe('checkout block (purchase.checkout.block.render)', () => {
  it('shows what is paid today and what comes when, with amounts in the buyer locale', () => {
    withAttribute(SCHEDULE_JSON);
    const text = textOf(setUpBlock().markup());
    expect(text).toContain('Payment schedule');
    expect(text).toMatch(/Deposit Due today \$3,000\.00/);
    expect(text).toMatch(/Before shipping When the order is ready to ship \$5,000\.00/);
    expect(text).toMatch(/Balance On 2027-01-20 \$2,000\.00/);
  });

  it('formats a zero-exponent currency without decimals', () => {
    withAttribute(
      scheduleWith({currency: 'JPY', accept: false, stages: [{position: 1, title: 'Deposit', amount: '300000', dueDate: null, when: 'at checkout'}]}),
    );
    expect(textOf(setUpBlock().markup())).toContain('¥300,000');
  });

  it('renders nothing for a checkout without the attribute', () => {
    withAttribute(null);
    expect(setUpBlock().markup()).toBe('');
  });

  it('renders nothing when the attribute does not parse', () => {
    withAttribute('{"v":1,"currency":"USD"');
    expect(setUpBlock().markup()).toBe('');
    withAttribute(scheduleWith({v: 2}));
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
