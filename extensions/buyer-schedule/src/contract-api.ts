/**
 * The app's buyer endpoint, used by the thank-you and order-status blocks:
 *
 *   GET {APP_URL}/api/buyer/schedule?orderId=<order gid>&confirmationNumber=<the order's confirmation number>
 *   Authorization: Bearer <shopify.sessionToken.get()>
 *
 *   A guest's session token names no customer: the app shows a guest the schedule only with the order's
 *   confirmation number, which Shopify gives the buyer who placed it (and not to someone guessing order ids).
 *
 *   200 {"contract":{"status","currency","total","paid","remaining",
 *        "paidOnOrder":{"positions","amount","tax":[{"title","amount"}],"discount":{"amount","percent"} | null} | null,
 *        "stages":[{"position","title","amount","tax":[{"title","amount"}],"status","dueDate","trigger"?,"payUrl",
 *                   "invoiceNumber"?,"invoicePdfUrl"?}],
 *        "portalUrl"?}}
 *        `invoicePdfUrl` (a stage with an invoice) and `portalUrl` (the buyer's portal) are signed links the app
 *        gives a signed-in buyer only.
 *        `paidOnOrder` is what the buyer paid with the order on the page (the stages it carried that are paid): the
 *        money taken and the tax inside it, and the early-payment discount that settled the rest ("percent" is the
 *        rule's, "2", or null when the stages' rules differ);
 *        `trigger` (stage-text.ts) names the event a stage without a date waits for. The extension is deployed
 *        apart from the app, so an answer from an app without `remaining`, `paidOnOrder` or `tax` is still read.
 *   404 {"error":"…"}  the order has no payment schedule: the block renders nothing
 *   other             the block shows a short "could not be loaded" banner
 */
import {parseTrigger, type StageTrigger, type TaxShare} from './stage-text';

export const STAGE_STATUSES = ['scheduled', 'invoiced', 'paid', 'overdue', 'failed', 'cancelled', 'refunded'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export interface ContractStage {
  position: number;
  title: string;
  amount: string;
  tax: TaxShare[];
  status: StageStatus;
  dueDate: string | null;
  trigger: StageTrigger | null;
  payUrl: string | null;
  /** The stage's invoice and its PDF, for a signed-in buyer. */
  invoice: {number: string; pdfUrl: string} | null;
}

export interface PaidOnOrder {
  positions: number[];
  amount: string;
  tax: TaxShare[];
  /** The early-payment discount granted on those stages; null when none was (or from an app that does not say). */
  discount: EarlyPaymentDiscount | null;
}

export interface EarlyPaymentDiscount {
  amount: string;
  /** The rule's percentage as written ("2", "1.5"), or null when it is not one. */
  percent: string | null;
}

export interface BuyerContract {
  /** The app's contract status: pending, awaitingDeposit, active, completed, cancelled. */
  status: string;
  currency: string;
  total: string;
  paid: string;
  /** What is still to pay; null from an app that does not say. */
  remaining: string | null;
  paidOnOrder: PaidOnOrder | null;
  stages: ContractStage[];
  /** The buyer's portal (every payment and invoice), for a signed-in buyer. */
  portalUrl: string | null;
}

export type LoadResult = {kind: 'none'} | {kind: 'ok'; contract: BuyerContract} | {kind: 'error'; detail: string};

const AMOUNT = /^\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function scheduleUrl(appUrl: string, orderId: string, confirmationNumber?: string): string {
  const confirmation = confirmationNumber ? `&confirmationNumber=${encodeURIComponent(confirmationNumber)}` : '';
  return `${appUrl.replace(/\/+$/, '')}/api/buyer/schedule?orderId=${encodeURIComponent(orderId)}${confirmation}`;
}

export async function loadContract(input: {
  appUrl: string;
  orderId: string | undefined;
  /** The order's confirmation number, when the page has one (orders from before 2024 may not). */
  confirmationNumber?: string | undefined;
  getToken: () => Promise<string>;
  fetch: typeof globalThis.fetch;
}): Promise<LoadResult> {
  if (!input.orderId) return {kind: 'none'};
  const answer = await getAppJson(scheduleUrl(input.appUrl, input.orderId, input.confirmationNumber), input);
  if (answer.kind !== 'json') return answer.kind === 'notFound' ? {kind: 'none'} : answer;
  const contract = parseContractResponse(answer.body);
  return contract ? {kind: 'ok', contract} : {kind: 'error', detail: 'unexpected response shape'};
}

export type AppJsonAnswer = {kind: 'json'; body: unknown} | {kind: 'notFound'} | {kind: 'error'; detail: string};

/** GETs an app endpoint with the extension's session token: its JSON body, a 404, or what went wrong. */
export async function getAppJson(url: string, input: {getToken: () => Promise<string>; fetch: typeof globalThis.fetch}): Promise<AppJsonAnswer> {
  let response: Response;
  try {
    const token = await input.getToken();
    response = await input.fetch(url, {headers: {Authorization: `Bearer ${token}`, Accept: 'application/json'}});
  } catch (error) {
    return {kind: 'error', detail: `request failed: ${String(error)}`};
  }
  if (response.status === 404) return {kind: 'notFound'};
  if (!response.ok) return {kind: 'error', detail: `HTTP ${response.status}`};
  try {
    return {kind: 'json', body: await response.json()};
  } catch {
    return {kind: 'error', detail: 'response is not JSON'};
  }
}

export function parseContractResponse(body: unknown): BuyerContract | null {
  if (!isObject(body) || !isObject(body.contract)) return null;
  const c = body.contract;
  if (typeof c.status !== 'string' || c.status === '') return null;
  if (typeof c.currency !== 'string' || !CURRENCY.test(c.currency)) return null;
  if (!isAmount(c.total) || !isAmount(c.paid)) return null;
  if (!(c.remaining === undefined || isAmount(c.remaining))) return null;
  const paidOnOrder = c.paidOnOrder == null ? null : parsePaidOnOrder(c.paidOnOrder);
  if (paidOnOrder === undefined) return null;
  if (!Array.isArray(c.stages)) return null;
  const stages: ContractStage[] = [];
  for (const item of c.stages) {
    const stage = parseStage(item);
    if (!stage) return null;
    stages.push(stage);
  }
  stages.sort((a, b) => a.position - b.position);
  const portalUrl = typeof c.portalUrl === 'string' && isWebUrl(c.portalUrl) ? c.portalUrl : null;
  return {status: c.status, currency: c.currency, total: c.total, paid: c.paid, remaining: c.remaining ?? null, paidOnOrder, stages, portalUrl};
}

function parsePaidOnOrder(value: unknown): PaidOnOrder | undefined {
  if (!isObject(value)) return undefined;
  const {positions, amount, tax, discount} = value;
  if (!Array.isArray(positions) || !positions.every((position) => Number.isInteger(position))) return undefined;
  const shares = parseTax(tax);
  if (!isAmount(amount) || !shares) return undefined;
  const granted = discount == null ? null : parseDiscount(discount);
  if (granted === undefined) return undefined;
  return {positions: positions as number[], amount, tax: shares, discount: granted};
}

function parseDiscount(value: unknown): EarlyPaymentDiscount | undefined {
  if (!isObject(value) || !isAmount(value.amount)) return undefined;
  const {percent} = value;
  if (!(percent === null || percent === undefined || isAmount(percent))) return undefined;
  return {amount: value.amount, percent: percent ?? null};
}

/** `[{"title","amount"}]`; missing (an older app) reads as no tax. */
function parseTax(value: unknown): TaxShare[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const shares: TaxShare[] = [];
  for (const line of value) {
    if (!isObject(line) || typeof line.title !== 'string' || !isAmount(line.amount)) return undefined;
    shares.push({title: line.title, amount: line.amount});
  }
  return shares;
}

function parseStage(item: unknown): ContractStage | null {
  if (!isObject(item)) return null;
  const {position, title, amount, tax, status, dueDate, trigger, payUrl, invoiceNumber, invoicePdfUrl} = item;
  if (typeof position !== 'number' || !Number.isInteger(position)) return null;
  if (typeof title !== 'string' || !isAmount(amount)) return null;
  const shares = parseTax(tax);
  if (!shares) return null;
  const waitsFor = trigger == null ? null : parseTrigger(trigger);
  if (waitsFor === undefined) return null;
  if (typeof status !== 'string' || !(STAGE_STATUSES as readonly string[]).includes(status)) return null;
  if (!(dueDate === null || dueDate === undefined || (typeof dueDate === 'string' && ISO_DATE.test(dueDate)))) return null;
  if (!(payUrl === null || payUrl === undefined || typeof payUrl === 'string')) return null;
  return {
    position,
    title,
    amount,
    tax: shares,
    status: status as StageStatus,
    dueDate: dueDate ?? null,
    trigger: waitsFor,
    // Only web links become "Pay now": never a javascript: or other scheme from a bad payload.
    payUrl: typeof payUrl === 'string' && isWebUrl(payUrl) ? payUrl : null,
    invoice:
      typeof invoiceNumber === 'string' && invoiceNumber !== '' && typeof invoicePdfUrl === 'string' && isWebUrl(invoicePdfUrl)
        ? {number: invoiceNumber, pdfUrl: invoicePdfUrl}
        : null,
  };
}

export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT.test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
