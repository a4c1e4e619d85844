/**
 * The app's attach API, called from the admin action. In admin UI extensions a relative URL
 * resolves against the app's `application_url` and Shopify adds the `Authorization` header
 * (an OpenID Connect ID token) itself.
 *
 *   GET  /api/attach/options?draftOrderId=<gid>
 *        → {"draftOrder":{"id","name","customer":string|null,"total","currency"},
 *           "mode":"native"|"stageOrder","plans":[{"id","name","isDefault"}],
 *           "defaultFrom":"terms"|"lastUsed"|"shop"|null, "terms":{"subjectName","depositPercent","netDays",
 *           "paymentDays","creditLimit","exposure":[{"currency","unpaid","overdue","contracts"}],"credit":{"kind","summary","overBy"}},
 *           "standing":{"subjectName","view":{"kind":"scored","score","band","onTimePercent","worstDaysLate",…}
 *                       | {"kind":"noHistory","notYetDue"}} | null}
 *   GET  /api/attach/preview?draftOrderId=<gid>&planId=<id>
 *        → {"mode","termsApplied","nothingAtCheckout","credit","currency","total",
 *           "stages":[{"position","title","amount","dueDate","when","tax":[{"title","amount"}]}]}
 *          or {"error":"…"}
 *   POST /api/attach {"draftOrderId","planId","overrideReason"?} → {"contractId"} or 4xx {"error":"…"};
 *        over the customer's credit limit 422 {"error","creditLimit":{"subjectName","currency","limit","owed",
 *        "owedContracts","adds","over","otherCurrencies":[{"currency","owed"}],"overridable":true,"override"}}
 *
 * `defaultFrom`, `terms`, `termsApplied`, `credit` and `standing` came with customer terms (issue 14): an answer without them
 * is still read, as the extension is deployed apart from the app; so is one without `nothingAtCheckout` (plans with nothing
 * due at checkout, issue 15) or without `terms.paymentDays` (a customer's payment days, issue 15).
 */
export type AttachMode = 'native' | 'stageOrder';

export type DefaultFrom = 'terms' | 'lastUsed' | 'shop';

export type CreditKind = 'noLimit' | 'otherCurrency' | 'within' | 'over';

/** Whether this order fits the customer's credit limit, in the app's words. */
export interface CreditDecision {
  kind: CreditKind;
  summary: string;
  /** How far over the limit, a decimal string in the limit's currency; null unless over. */
  overBy: string | null;
}

/** The customer's negotiated terms and what they owe, as the app resolved them for this draft order. */
export interface AttachTerms {
  subjectName: string | null;
  depositPercent: {value: string; from: string} | null;
  netDays: {value: number; from: string} | null;
  /** The days of the month the customer pays on, ascending. */
  paymentDays: {value: number[]; from: string} | null;
  creditLimit: {amount: string; currency: string; from: string} | null;
  exposure: Array<{currency: string; unpaid: string; overdue: string; contracts: number}>;
  credit: CreditDecision;
}

export type ReliabilityBand = 'reliable' | 'watch' | 'risky';

/** How the customer (or the company whose limit is weighed) has paid: the app's reliability score and its parts. */
export interface AttachStanding {
  subjectName: string;
  view: {kind: 'scored'; score: number; band: ReliabilityBand; onTimePercent: number; worstDaysLate: number} | {kind: 'noHistory'; notYetDue: number};
}

export interface AttachOptions {
  draftOrder: {id: string; name: string; customer: string | null; total: string; currency: string};
  mode: AttachMode;
  /** Already ordered by the app: the default plan first. */
  plans: Array<{id: string; name: string; isDefault: boolean}>;
  /** Why the first plan is the default; null when the app does not say. */
  defaultFrom: DefaultFrom | null;
  terms: AttachTerms | null;
  standing: AttachStanding | null;
}

export interface PreviewStage {
  position: number;
  title: string;
  amount: string;
  dueDate: string | null;
  when: string;
  tax: Array<{title: string; amount: string}>;
}

export interface AttachPreview {
  mode: AttachMode;
  /** The negotiated terms the schedule applies, in words; null when none do. */
  termsApplied: string | null;
  /** What attaching does when the plan has nothing due at checkout, in words; null when its first stage is paid there. */
  nothingAtCheckout: string | null;
  credit: CreditDecision | null;
  currency: string;
  total: string;
  stages: PreviewStage[];
}

/** The figures of an attach refused over the credit limit: decimal strings in the limit's currency. */
export interface CreditLimitRefusal {
  subjectName: string;
  currency: string;
  limit: string;
  owed: string;
  owedContracts: number;
  adds: string;
  over: string;
  /** Owed in other currencies: not counted against the limit. */
  otherCurrencies: Array<{currency: string; owed: string}>;
}

export type ApiResult<T> = {ok: true; value: T} | {ok: false; error: string};

/** A refused attach carries the credit-limit figures when staff may attach anyway with a reason. */
export type AttachResult = {ok: true; value: {contractId: string}} | {ok: false; error: string; creditLimit: CreditLimitRefusal | null};

export const GENERIC_ERROR = 'Something went wrong. Please try again.';

type Fetch = typeof globalThis.fetch;

export function optionsUrl(draftOrderId: string): string {
  return `/api/attach/options?draftOrderId=${encodeURIComponent(draftOrderId)}`;
}

export function previewUrl(draftOrderId: string, planId: string): string {
  return `/api/attach/preview?draftOrderId=${encodeURIComponent(draftOrderId)}&planId=${encodeURIComponent(planId)}`;
}

export const ATTACH_URL = '/api/attach';

export function getOptions(fetchFn: Fetch, draftOrderId: string): Promise<ApiResult<AttachOptions>> {
  return request(fetchFn, optionsUrl(draftOrderId), {method: 'GET'}, parseOptions);
}

export function getPreview(fetchFn: Fetch, draftOrderId: string, planId: string): Promise<ApiResult<AttachPreview>> {
  return request(fetchFn, previewUrl(draftOrderId, planId), {method: 'GET'}, parsePreview);
}

/** Attaches the plan; `overrideReason` attaches over the customer's credit limit (the app audits it). */
export async function postAttach(fetchFn: Fetch, draftOrderId: string, planId: string, overrideReason?: string): Promise<AttachResult> {
  const body = JSON.stringify(overrideReason === undefined ? {draftOrderId, planId} : {draftOrderId, planId, overrideReason});
  const result = await request(fetchFn, ATTACH_URL, {method: 'POST', headers: {'Content-Type': 'application/json'}, body}, (answer) =>
    isObject(answer) && isText(answer.contractId) ? {contractId: answer.contractId} : null,
  );
  return result.ok ? result : {ok: false, error: result.error, creditLimit: parseCreditLimitRefusal(result.body)};
}

type Answer<T> = {ok: true; value: T} | {ok: false; error: string; body: unknown};

async function request<T>(fetchFn: Fetch, url: string, init: RequestInit, parse: (body: unknown) => T | null): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, {...init, headers: {Accept: 'application/json', ...(init.headers as Record<string, string> | undefined)}});
  } catch {
    return {ok: false, error: 'Could not reach Tranche. Check your connection and try again.', body: undefined};
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // Handled below: a non-JSON answer is an error either way.
  }
  // An {"error": "…"} body is shown to the merchant as it is, whatever the status.
  if (isObject(body) && isText(body.error)) return {ok: false, error: body.error, body};
  if (!response.ok) return {ok: false, error: GENERIC_ERROR, body};
  const value = parse(body);
  return value === null ? {ok: false, error: GENERIC_ERROR, body} : {ok: true, value};
}

export function parseOptions(body: unknown): AttachOptions | null {
  if (!isObject(body) || !isObject(body.draftOrder) || !Array.isArray(body.plans)) return null;
  const d = body.draftOrder;
  if (!isText(d.id) || !isText(d.name) || !isAmount(d.total) || !isText(d.currency)) return null;
  if (!(d.customer === null || d.customer === undefined || typeof d.customer === 'string')) return null;
  if (body.mode !== 'native' && body.mode !== 'stageOrder') return null;
  const plans: AttachOptions['plans'] = [];
  for (const plan of body.plans) {
    if (!isObject(plan) || !isText(plan.id) || !isText(plan.name)) return null;
    plans.push({id: plan.id, name: plan.name, isDefault: plan.isDefault === true});
  }
  const defaultFrom = body.defaultFrom ?? null;
  if (!(defaultFrom === null || defaultFrom === 'terms' || defaultFrom === 'lastUsed' || defaultFrom === 'shop')) return null;
  const terms = body.terms === undefined || body.terms === null ? null : parseTerms(body.terms);
  if (terms === undefined) return null;
  const standing = body.standing === undefined || body.standing === null ? null : parseStanding(body.standing);
  if (standing === undefined) return null;
  return {
    draftOrder: {id: d.id, name: d.name, customer: d.customer ?? null, total: d.total, currency: d.currency},
    mode: body.mode,
    plans,
    defaultFrom,
    terms,
    standing,
  };
}

const BANDS: readonly unknown[] = ['reliable', 'watch', 'risky'] satisfies ReliabilityBand[];

/** The standing as the app sends it (app/components/customers/standing-view.ts); undefined when malformed. */
function parseStanding(standing: unknown): AttachStanding | undefined {
  if (!isObject(standing) || !isText(standing.subjectName) || !isObject(standing.view)) return undefined;
  const view = standing.view;
  if (view.kind === 'noHistory')
    return isCount(view.notYetDue) ? {subjectName: standing.subjectName, view: {kind: 'noHistory', notYetDue: view.notYetDue}} : undefined;
  if (view.kind !== 'scored' || !isCount(view.score) || !BANDS.includes(view.band) || !isCount(view.onTimePercent) || !isCount(view.worstDaysLate)) {
    return undefined;
  }
  return {
    subjectName: standing.subjectName,
    view: {kind: 'scored', score: view.score, band: view.band as ReliabilityBand, onTimePercent: view.onTimePercent, worstDaysLate: view.worstDaysLate},
  };
}

/** The terms as the app sends them; undefined when malformed. */
function parseTerms(terms: unknown): AttachTerms | undefined {
  if (!isObject(terms) || !Array.isArray(terms.exposure)) return undefined;
  const subjectName = terms.subjectName ?? null;
  if (!(subjectName === null || isText(subjectName))) return undefined;
  const depositPercent = parseSourced(terms.depositPercent, isText);
  const netDays = parseSourced(terms.netDays, isCount);
  const paymentDays = parseSourced(terms.paymentDays, isDaysOfMonth);
  const creditLimit = parseCreditLimit(terms.creditLimit);
  const credit = parseCredit(terms.credit);
  if (depositPercent === undefined || netDays === undefined || paymentDays === undefined || creditLimit === undefined || credit === null) return undefined;
  const exposure: AttachTerms['exposure'] = [];
  for (const row of terms.exposure) {
    if (!isObject(row) || !isText(row.currency) || !isAmount(row.unpaid) || !isAmount(row.overdue) || !isCount(row.contracts)) return undefined;
    exposure.push({currency: row.currency, unpaid: row.unpaid, overdue: row.overdue, contracts: row.contracts});
  }
  return {subjectName, depositPercent, netDays, paymentDays, creditLimit, exposure, credit};
}

/** A negotiated value and whose terms it comes from; null when none is negotiated, undefined when malformed. */
function parseSourced<T>(field: unknown, isValue: (value: unknown) => value is T): {value: T; from: string} | null | undefined {
  if (field === undefined || field === null) return null;
  if (!isObject(field) || !isValue(field.value) || !isText(field.from)) return undefined;
  return {value: field.value, from: field.from};
}

function parseCreditLimit(field: unknown): AttachTerms['creditLimit'] | undefined {
  if (field === undefined || field === null) return null;
  if (!isObject(field) || !isAmount(field.amount) || !isText(field.currency) || !isText(field.from)) return undefined;
  return {amount: field.amount, currency: field.currency, from: field.from};
}

const CREDIT_KINDS: readonly unknown[] = ['noLimit', 'otherCurrency', 'within', 'over'] satisfies CreditKind[];

function parseCredit(credit: unknown): CreditDecision | null {
  if (!isObject(credit) || !CREDIT_KINDS.includes(credit.kind) || !isText(credit.summary)) return null;
  const overBy = credit.overBy ?? null;
  if (!(overBy === null || isAmount(overBy))) return null;
  return {kind: credit.kind as CreditKind, summary: credit.summary, overBy};
}

/** The figures of a 422 over the credit limit; null for any other refusal, or one the app does not let staff override. */
export function parseCreditLimitRefusal(body: unknown): CreditLimitRefusal | null {
  if (!isObject(body) || !isObject(body.creditLimit)) return null;
  const c = body.creditLimit;
  if (c.overridable !== true || !isText(c.subjectName) || !isText(c.currency) || !isCount(c.owedContracts)) return null;
  if (!isAmount(c.limit) || !isAmount(c.owed) || !isAmount(c.adds) || !isAmount(c.over)) return null;
  const otherCurrencies: CreditLimitRefusal['otherCurrencies'] = [];
  for (const row of Array.isArray(c.otherCurrencies) ? c.otherCurrencies : []) {
    if (!isObject(row) || !isText(row.currency) || !isAmount(row.owed)) return null;
    otherCurrencies.push({currency: row.currency, owed: row.owed});
  }
  return {
    subjectName: c.subjectName,
    currency: c.currency,
    limit: c.limit,
    owed: c.owed,
    owedContracts: c.owedContracts,
    adds: c.adds,
    over: c.over,
    otherCurrencies,
  };
}

export function parsePreview(body: unknown): AttachPreview | null {
  if (!isObject(body) || !Array.isArray(body.stages)) return null;
  if (body.mode !== 'native' && body.mode !== 'stageOrder') return null;
  if (!isText(body.currency) || !isAmount(body.total)) return null;
  const stages: PreviewStage[] = [];
  for (const s of body.stages) {
    if (!isObject(s) || typeof s.position !== 'number' || !isText(s.title) || !isAmount(s.amount)) return null;
    if (!(s.dueDate === null || s.dueDate === undefined || typeof s.dueDate === 'string')) return null;
    if (typeof s.when !== 'string') return null;
    const tax: PreviewStage['tax'] = [];
    for (const line of Array.isArray(s.tax) ? s.tax : []) {
      if (!isObject(line) || !isText(line.title) || !isAmount(line.amount)) return null;
      tax.push({title: line.title, amount: line.amount});
    }
    stages.push({position: s.position, title: s.title, amount: s.amount, dueDate: s.dueDate ?? null, when: s.when, tax});
  }
  const termsApplied = body.termsApplied ?? null;
  if (!(termsApplied === null || isText(termsApplied))) return null;
  const nothingAtCheckout = body.nothingAtCheckout ?? null;
  if (!(nothingAtCheckout === null || isText(nothingAtCheckout))) return null;
  const credit = body.credit === undefined || body.credit === null ? null : parseCredit(body.credit);
  if (credit === null && body.credit !== undefined && body.credit !== null) return null;
  return {mode: body.mode, termsApplied, nothingAtCheckout, credit, currency: body.currency, total: body.total, stages};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Days of the month, 1 to 31, ascending and each once, as the app stores a customer's payment days. */
function isDaysOfMonth(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((day, index) => Number.isInteger(day) && day >= 1 && day <= 31 && (index === 0 || day > (value[index - 1] as number)))
  );
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isAmount(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);
}
