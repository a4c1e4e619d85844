/** @jsxImportSource preact */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';

import {AttachAction} from '../../../extensions/draft-order-attach/src/AttachAction';
import {GENERIC_ERROR} from '../../../extensions/draft-order-attach/src/attach-api';
import {createAttachStore, NO_DRAFT_ORDER, OVERRIDE_REASON_REQUIRED} from '../../../extensions/draft-order-attach/src/attach-store';
import {
  ATTACH_ANYWAY_LABEL,
  CONFIRM_LABEL,
  NO_PLANS,
  OPEN_IN_APP_LABEL,
  OVER_LIMIT_HEADING,
  OVERRIDE_REASON_LABEL,
} from '../../../extensions/draft-order-attach/src/attach-view';
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

/** The options as the app answers them since customer terms (issue 14): the default's origin and the terms. */
const WITHIN_SUMMARY =
  'Within the credit limit: Ada Lovelace owes $8,000.00 on 3 contracts; this order adds $10,000.00; the limit is $20,000.00 ($2,000.00 left).';
const OPTIONS_WITH_TERMS = {
  ...OPTIONS,
  defaultFrom: 'terms',
  terms: {
    subjectName: 'Ada Lovelace',
    depositPercent: {value: '10', from: "Ada Lovelace's terms (customer)"},
    netDays: null,
    creditLimit: {amount: '20000.00', currency: 'USD', from: "Ada Lovelace's terms (customer)"},
    exposure: [{currency: 'USD', unpaid: '8000.00', overdue: '500.00', contracts: 3}],
    credit: {kind: 'within', summary: WITHIN_SUMMARY, overBy: null},
  },
};

const OVER_SUMMARY = 'Credit limit reached: Ada Lovelace owes $8,000.00 on 3 contracts; this order adds $10,000.00; the limit is $15,000.00 ($3,000.00 over).';

/** 422 over the credit limit, as app/routes/api.attach.tsx answers it (creditLimitAnswer). */
const OVER_LIMIT_ANSWER = {
  error: OVER_SUMMARY,
  creditLimit: {
    subjectName: 'Ada Lovelace',
    currency: 'USD',
    limit: '15000.00',
    owed: '8000.00',
    owedContracts: 3,
    adds: '10000.00',
    over: '3000.00',
    otherCurrencies: [{currency: 'EUR', owed: '300.00'}],
    overridable: true,
    override: 'post again with "overrideReason": why staff attach over the limit (kept in the audit log)',
  },
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

const typeReason = (tree: ReturnType<typeof setUp>['tree'], reason: string) =>
  (findElement(tree(), 's-text-area')?.props.onInput as (event: unknown) => void)({currentTarget: {value: reason}});

const bodiesPosted = (attach: ReturnType<typeof vi.fn>) => attach.mock.calls.map((call) => JSON.parse(String((call[0] as RequestInit).body)));

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
    // An app from before customer terms sends neither terms nor a decision: the flow is as it was.
    expect(shown).not.toContain('Terms and credit');
    expect(findElement(tree(), 's-banner')).toBeUndefined();
    expect(findElement(tree(), 's-text-area')).toBeUndefined();
    expect(confirmButton(tree)?.props).toMatchObject({disabled: false, loading: false, children: CONFIRM_LABEL});
    const open = hostElements(tree()).find((element) => element.props.slot === 'secondary-actions');
    expect(open?.props).toMatchObject({href: `app:/app/attach?draftOrderId=${encodeURIComponent(DRAFT)}`, children: OPEN_IN_APP_LABEL});
  });

  it('says what attaching does when the plan has nothing due at checkout, and no stage reads "at checkout"', async () => {
    const nothingAtCheckout =
      'Nothing is due at checkout: attaching completes the draft order into an order now, on payment terms due on 2026-12-21, and each stage is invoiced on its date.';
    const netThirty = {
      ...PREVIEW_B,
      nothingAtCheckout,
      stages: [{position: 1, title: 'Net terms', amount: '10000.00', dueDate: '2026-12-21', when: 'on 2026-12-21', tax: []}],
    };
    const {store, text} = setUp({[OPTIONS_URL]: () => jsonResponse(200, OPTIONS), [previewUrl('plan-b')]: () => jsonResponse(200, netThirty)});
    await store.start();
    const shown = text();
    expect(shown).toContain(nothingAtCheckout);
    expect(shown).toMatch(/1\. Net terms \$10,000\.00 on 2026-12-21/);
    expect(shown).not.toContain('at checkout Includes');
  });

  it('says nothing of payment terms for a plan with a deposit at checkout', async () => {
    const {store, text} = setUp({[OPTIONS_URL]: () => jsonResponse(200, OPTIONS), [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B)});
    await store.start();
    expect(text()).not.toContain('Nothing is due at checkout');
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

describe('draft order action: customer terms and the credit limit', () => {
  it('shows the terms and the credit decision of the preview before staff confirm', async () => {
    let releasePreview: (response: Response) => void = () => {};
    const {store, tree, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS_WITH_TERMS),
      [previewUrl('plan-b')]: () => new Promise<Response>((resolve) => (releasePreview = resolve)),
    });
    const loading = store.start();
    // Before the preview arrives, the options' decision is shown.
    await vi.waitFor(() => expect(text()).toContain(WITHIN_SUMMARY));
    releasePreview(
      jsonResponse(200, {
        ...PREVIEW_B,
        termsApplied: "Negotiated terms applied: a 10% deposit (Ada Lovelace's terms (customer)).",
        credit: {kind: 'within', summary: WITHIN_SUMMARY.replace('$2,000.00 left', 'exactly as previewed'), overBy: null},
      }),
    );
    await loading;
    const shown = text();
    expect(shown).toContain('Terms and credit · Ada Lovelace');
    expect(shown).toContain("Deposit 10% · Ada Lovelace's terms (customer)");
    expect(shown).toContain('Net days As the plan says');
    // An app from before payment days sends none: none are shown.
    expect(shown).toContain('Payment days None');
    expect(shown).toContain("Credit limit $20,000.00 · Ada Lovelace's terms (customer)");
    expect(shown).toContain('Owes now (USD) $8,000.00 on 3 contracts, $500.00 overdue');
    expect(shown).toContain("Negotiated terms applied: a 10% deposit (Ada Lovelace's terms (customer)).");
    const decision = findElement(tree(), 's-banner');
    expect(decision?.props).toMatchObject({tone: 'success', children: WITHIN_SUMMARY.replace('$2,000.00 left', 'exactly as previewed')});
    const options = hostElements(tree()).filter((element) => element.type === 's-option');
    expect(options.map((option) => option.props.children)).toEqual(["30/50/20 (customer's terms)", 'Half now, half later']);
    expect(findElement(tree(), 's-text-area')).toBeUndefined();
    expect(confirmButton(tree)?.props).toMatchObject({children: CONFIRM_LABEL, tone: 'auto', disabled: false});
  });

  it('asks for the reason up front when the preview is over the limit, refuses a blank one, then attaches with it', async () => {
    const attach = vi.fn((_init: RequestInit | undefined) => jsonResponse(200, {contractId: 'c_2'}));
    const {store, tree, close, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS_WITH_TERMS),
      [previewUrl('plan-b')]: () => jsonResponse(200, {...PREVIEW_B, termsApplied: null, credit: {kind: 'over', summary: OVER_SUMMARY, overBy: '3000.00'}}),
      '/api/attach': attach,
    });
    await store.start();
    expect(findElement(tree(), 's-banner')?.props).toMatchObject({tone: 'critical', children: OVER_SUMMARY});
    expect(findElement(tree(), 's-text-area')?.props).toMatchObject({label: OVERRIDE_REASON_LABEL, required: true, value: ''});
    expect(confirmButton(tree)?.props).toMatchObject({children: ATTACH_ANYWAY_LABEL, tone: 'critical', disabled: false});

    // Empty, then only spaces: refused in words, without posting.
    (confirmButton(tree)?.props.onClick as () => void)();
    await vi.waitFor(() => expect(findElement(tree(), 's-text-area')?.props.error).toBe(OVERRIDE_REASON_REQUIRED));
    typeReason(tree, '   ');
    expect(findElement(tree(), 's-text-area')?.props.error).toBeUndefined();
    await store.confirm();
    expect(findElement(tree(), 's-text-area')?.props.error).toBe(OVERRIDE_REASON_REQUIRED);
    expect(text()).toContain(OVERRIDE_REASON_REQUIRED);
    expect(attach).not.toHaveBeenCalled();

    typeReason(tree, '  Director approved the order ');
    (confirmButton(tree)?.props.onClick as () => void)();
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    expect(bodiesPosted(attach)).toEqual([{draftOrderId: DRAFT, planId: 'plan-b', overrideReason: 'Director approved the order'}]);
  });

  it('on an over-limit answer shows the figures and a required reason, refuses a blank one, then attaches anyway', async () => {
    const attach = vi.fn((init: RequestInit | undefined) =>
      'overrideReason' in JSON.parse(String(init?.body)) ? jsonResponse(200, {contractId: 'c_3'}) : jsonResponse(422, OVER_LIMIT_ANSWER),
    );
    const {store, tree, close, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS_WITH_TERMS),
      // The preview weighed the limit before another order was attached: within then, over now.
      [previewUrl('plan-b')]: () => jsonResponse(200, {...PREVIEW_B, termsApplied: null, credit: {kind: 'within', summary: WITHIN_SUMMARY, overBy: null}}),
      [previewUrl('plan-a')]: () => jsonResponse(200, {...PREVIEW_A, termsApplied: null, credit: {kind: 'within', summary: WITHIN_SUMMARY, overBy: null}}),
      '/api/attach': attach,
    });
    await store.start();
    expect(findElement(tree(), 's-text-area')).toBeUndefined();
    await store.confirm();
    expect(close).not.toHaveBeenCalled();
    expect(bodiesPosted(attach)).toEqual([{draftOrderId: DRAFT, planId: 'plan-b'}]);

    const shown = text();
    expect(shown).toContain(`${OVER_LIMIT_HEADING} ${OVER_SUMMARY}`);
    expect(shown).toContain("Ada Lovelace's credit limit $15,000.00");
    expect(shown).toContain('Owes now $8,000.00 on 3 contracts');
    expect(shown).toContain('This order adds $10,000.00');
    expect(shown).toContain('Over the limit by $3,000.00');
    expect(shown).toContain('Also owed in EUR (not counted) €300.00');
    // The refusal replaces the decision shown before: no "within" banner beside it.
    expect(shown).not.toContain(WITHIN_SUMMARY);
    expect(
      hostElements(tree())
        .filter((element) => element.type === 's-banner')
        .map((banner) => banner.props.tone),
    ).toEqual(['critical']);
    expect(findElement(tree(), 's-text-area')?.props).toMatchObject({label: OVERRIDE_REASON_LABEL, required: true});
    expect(confirmButton(tree)?.props).toMatchObject({children: ATTACH_ANYWAY_LABEL, tone: 'critical', disabled: false, loading: false});

    await store.confirm();
    expect(text()).toContain(OVERRIDE_REASON_REQUIRED);
    expect(attach).toHaveBeenCalledTimes(1);

    // The limit weighs the draft order's total: picking another plan keeps the refusal and the reason field.
    await store.selectPlan('plan-a');
    expect(text()).toContain('Over the limit by $3,000.00');
    typeReason(tree, 'Paid by wire tomorrow');
    (confirmButton(tree)?.props.onClick as () => void)();
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    expect(bodiesPosted(attach)[1]).toEqual({draftOrderId: DRAFT, planId: 'plan-a', overrideReason: 'Paid by wire tomorrow'});
  });

  it("shows the app's refusal of the reason in place and keeps the field", async () => {
    const refusal = 'Say why the credit limit is overridden: the reason is kept in the audit log with the figures.';
    const attach = vi.fn((init: RequestInit | undefined) =>
      'overrideReason' in JSON.parse(String(init?.body)) ? jsonResponse(422, {error: refusal}) : jsonResponse(422, OVER_LIMIT_ANSWER),
    );
    const {store, tree, close, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
      '/api/attach': attach,
    });
    await store.start();
    await store.confirm();
    typeReason(tree, 'ok');
    await store.confirm();
    expect(close).not.toHaveBeenCalled();
    expect(text()).toContain(refusal);
    expect(text()).toContain(OVER_SUMMARY);
    expect(findElement(tree(), 's-text-area')?.props.value).toBe('ok');
  });

  it('shows a refusal the app does not let staff override as a plain error, with no reason field', async () => {
    const {store, tree, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, OPTIONS),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
      '/api/attach': () => jsonResponse(422, {error: OVER_SUMMARY, creditLimit: {...OVER_LIMIT_ANSWER.creditLimit, overridable: false}}),
    });
    await store.start();
    await store.confirm();
    expect(text()).toContain(OVER_SUMMARY);
    expect(text()).not.toContain(OVER_LIMIT_HEADING);
    expect(findElement(tree(), 's-text-area')).toBeUndefined();
    expect(confirmButton(tree)?.props.children).toBe(CONFIRM_LABEL);
  });

  it('refuses options whose terms are malformed', async () => {
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS_WITH_TERMS, terms: {...OPTIONS_WITH_TERMS.terms, credit: {kind: 'maybe', summary: 'x'}}}),
    });
    await store.start();
    expect(text()).toContain(GENERIC_ERROR);
  });

  it("shows the customer's payment days and whose terms they are", async () => {
    const paymentDays = {value: [5, 20], from: "Ada Lovelace's terms (customer)"};
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS_WITH_TERMS, terms: {...OPTIONS_WITH_TERMS.terms, paymentDays}}),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
    });
    await store.start();
    expect(text()).toContain("Payment days 5, 20 · Ada Lovelace's terms (customer)");
  });

  it.each([
    ['out of order', [20, 5]],
    ['past the 31st', [5, 32]],
    ['empty', []],
  ])('refuses options whose payment days are %s', async (_, value) => {
    const paymentDays = {value, from: "Ada Lovelace's terms (customer)"};
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS_WITH_TERMS, terms: {...OPTIONS_WITH_TERMS.terms, paymentDays}}),
    });
    await store.start();
    expect(text()).toContain(GENERIC_ERROR);
  });
});

describe('draft order action: the reliability score', () => {
  it("shows how the customer whose limit is weighed has paid, as the app's customer page sums it up", async () => {
    const standing = {subjectName: 'Ada Lovelace', view: {kind: 'scored', score: 64, band: 'watch', onTimePercent: 75, worstDaysLate: 12, counted: 8}};
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS_WITH_TERMS, standing}),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
    });
    await store.start();
    expect(text()).toContain('Payment record 64/100 · Watch · 75% paid on time, worst 12 days late');
  });

  it('says when nothing has fallen due yet, and shows the score without terms from an app that sends no terms', async () => {
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS, standing: {subjectName: 'Acme Corp', view: {kind: 'noHistory', notYetDue: 2}}}),
      [previewUrl('plan-b')]: () => jsonResponse(200, PREVIEW_B),
    });
    await store.start();
    expect(text()).toContain('Payment record · Acme Corp');
    expect(text()).toContain('Payment record No payment has fallen due yet');
  });

  it('refuses a malformed score as it refuses malformed options', async () => {
    const {store, text} = setUp({
      [OPTIONS_URL]: () => jsonResponse(200, {...OPTIONS, standing: {subjectName: 'Ada Lovelace', view: {kind: 'scored', score: 'high'}}}),
    });
    await store.start();
    expect(text()).toContain(GENERIC_ERROR);
  });
});
