/**
 * The app's buyer endpoint, used by the thank-you and order-status blocks:
 *
 *   GET {APP_URL}/api/buyer/schedule?orderId=<order gid>&confirmationNumber=<the order's confirmation number>
 *   Authorization: Bearer <shopify.sessionToken.get()>
 *
 *   A guest's session token names no customer: the app shows a guest the schedule only with the order's
 *   confirmation number, which Shopify gives the buyer who placed it (and not to someone guessing order ids).
 *
 *   200 {"contract":{"status","currency","total","paid","stages":[{"position","title","amount",
 *        "status","dueDate","payUrl"}]}}
 *   404 {"error":"…"}  the order has no payment schedule: the block renders nothing
 *   other             the block shows a short "could not be loaded" banner
 */
export const STAGE_STATUSES = ['scheduled', 'invoiced', 'paid', 'overdue', 'failed', 'cancelled', 'refunded'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export interface ContractStage {
  position: number;
  title: string;
  amount: string;
  status: StageStatus;
  dueDate: string | null;
  payUrl: string | null;
}

export interface BuyerContract {
  /** The app's contract status: pending, awaitingDeposit, active, completed, cancelled. */
  status: string;
  currency: string;
  total: string;
  paid: string;
  stages: ContractStage[];
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
  let response: Response;
  try {
    const token = await input.getToken();
    response = await input.fetch(scheduleUrl(input.appUrl, input.orderId, input.confirmationNumber), {
      headers: {Authorization: `Bearer ${token}`, Accept: 'application/json'},
    });
  } catch (error) {
    return {kind: 'error', detail: `request failed: ${String(error)}`};
  }
  if (response.status === 404) return {kind: 'none'};
  if (!response.ok) return {kind: 'error', detail: `HTTP ${response.status}`};
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return {kind: 'error', detail: 'response is not JSON'};
  }
  const contract = parseContractResponse(body);
  return contract ? {kind: 'ok', contract} : {kind: 'error', detail: 'unexpected response shape'};
}

export function parseContractResponse(body: unknown): BuyerContract | null {
  if (!isObject(body) || !isObject(body.contract)) return null;
  const c = body.contract;
  if (typeof c.status !== 'string' || c.status === '') return null;
  if (typeof c.currency !== 'string' || !CURRENCY.test(c.currency)) return null;
  if (!isAmount(c.total) || !isAmount(c.paid)) return null;
  if (!Array.isArray(c.stages)) return null;
  const stages: ContractStage[] = [];
  for (const item of c.stages) {
    const stage = parseStage(item);
    if (!stage) return null;
    stages.push(stage);
  }
  stages.sort((a, b) => a.position - b.position);
  return {status: c.status, currency: c.currency, total: c.total, paid: c.paid, stages};
}

function parseStage(item: unknown): ContractStage | null {
  if (!isObject(item)) return null;
  const {position, title, amount, status, dueDate, payUrl} = item;
  if (typeof position !== 'number' || !Number.isInteger(position)) return null;
  if (typeof title !== 'string' || !isAmount(amount)) return null;
  if (typeof status !== 'string' || !(STAGE_STATUSES as readonly string[]).includes(status)) return null;
  if (!(dueDate === null || dueDate === undefined || (typeof dueDate === 'string' && ISO_DATE.test(dueDate)))) return null;
  if (!(payUrl === null || payUrl === undefined || typeof payUrl === 'string')) return null;
  return {
    position,
    title,
    amount,
    status: status as StageStatus,
    dueDate: dueDate ?? null,
    // Only web links become "Pay now": never a javascript: or other scheme from a bad payload.
    payUrl: typeof payUrl === 'string' && isWebUrl(payUrl) ? payUrl : null,
  };
}

function isWebUrl(value: string): boolean {
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
