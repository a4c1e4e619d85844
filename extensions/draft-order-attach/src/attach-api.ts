/**
 * The app's attach API, called from the admin action. In admin UI extensions a relative URL
 * resolves against the app's `application_url` and Shopify adds the `Authorization` header
 * (an OpenID Connect ID token) itself.
 *
 *   GET  /api/attach/options?draftOrderId=<gid>
 *        → {"draftOrder":{"id","name","customer":string|null,"total","currency"},
 *           "mode":"native"|"stageOrder","plans":[{"id","name","isDefault"}]}
 *   GET  /api/attach/preview?draftOrderId=<gid>&planId=<id>
 *        → {"mode","currency","total","stages":[{"position","title","amount","dueDate","when","tax":[{"title","amount"}]}]}
 *          or {"error":"…"}
 *   POST /api/attach {"draftOrderId","planId"} → {"contractId"} or 4xx {"error":"…"}
 */
export type AttachMode = 'native' | 'stageOrder';

export interface AttachOptions {
  draftOrder: {id: string; name: string; customer: string | null; total: string; currency: string};
  mode: AttachMode;
  /** Already ordered by the app: the customer's default plan first. */
  plans: Array<{id: string; name: string; isDefault: boolean}>;
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
  currency: string;
  total: string;
  stages: PreviewStage[];
}

export type ApiResult<T> = {ok: true; value: T} | {ok: false; error: string};

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

export function postAttach(fetchFn: Fetch, draftOrderId: string, planId: string): Promise<ApiResult<{contractId: string}>> {
  return request(fetchFn, ATTACH_URL, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({draftOrderId, planId})}, (body) =>
    isObject(body) && isText(body.contractId) ? {contractId: body.contractId} : null,
  );
}

async function request<T>(fetchFn: Fetch, url: string, init: RequestInit, parse: (body: unknown) => T | null): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, {...init, headers: {Accept: 'application/json', ...(init.headers as Record<string, string> | undefined)}});
  } catch {
    return {ok: false, error: 'Could not reach Tranche. Check your connection and try again.'};
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // Handled below: a non-JSON answer is an error either way.
  }
  // An {"error": "…"} body is shown to the merchant as it is, whatever the status.
  if (isObject(body) && isText(body.error)) return {ok: false, error: body.error};
  if (!response.ok) return {ok: false, error: GENERIC_ERROR};
  const value = parse(body);
  return value === null ? {ok: false, error: GENERIC_ERROR} : {ok: true, value};
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
  return {
    draftOrder: {id: d.id, name: d.name, customer: d.customer ?? null, total: d.total, currency: d.currency},
    mode: body.mode,
    plans,
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
  return {mode: body.mode, currency: body.currency, total: body.total, stages};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isAmount(value: unknown): value is string {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);
}
