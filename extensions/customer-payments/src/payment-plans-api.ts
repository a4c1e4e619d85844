/**
 * The app's endpoint for the customer account's "Payment plans" page:
 *
 *   GET {APP_URL}/api/buyer/contracts
 *   Authorization: Bearer <shopify.sessionToken.get()>
 *
 *   200 {"contracts":[{"name", ...one contract as /api/buyer/schedule answers it}], "portalUrl": string | null}
 *        newest first; `name` is the order's or the quote's name (#1002, #D12), or null.
 *   other  the page shows a short "could not be loaded" banner
 */
import {getAppJson, isWebUrl, parseContractResponse, type BuyerContract} from '../../buyer-schedule/src/contract-api';

export interface PaymentPlan {
  name: string | null;
  contract: BuyerContract;
}

export interface PaymentPlans {
  plans: PaymentPlan[];
  /** The customer's portal: statements, invoices and every payment. */
  portalUrl: string | null;
}

export type PlansResult = {kind: 'ok'; plans: PaymentPlans} | {kind: 'error'; detail: string};

export function contractsUrl(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, '')}/api/buyer/contracts`;
}

export async function loadPaymentPlans(input: {appUrl: string; getToken: () => Promise<string>; fetch: typeof globalThis.fetch}): Promise<PlansResult> {
  const answer = await getAppJson(contractsUrl(input.appUrl), input);
  if (answer.kind === 'notFound') return {kind: 'error', detail: 'HTTP 404'};
  if (answer.kind === 'error') return answer;
  const plans = parsePaymentPlans(answer.body);
  return plans ? {kind: 'ok', plans} : {kind: 'error', detail: 'unexpected response shape'};
}

export function parsePaymentPlans(body: unknown): PaymentPlans | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const {contracts, portalUrl} = body as Record<string, unknown>;
  if (!Array.isArray(contracts)) return null;
  const plans: PaymentPlan[] = [];
  for (const item of contracts) {
    const contract = parseContractResponse({contract: item});
    if (!contract) return null;
    const name = (item as {name?: unknown}).name;
    plans.push({name: typeof name === 'string' && name !== '' ? name : null, contract});
  }
  return {plans, portalUrl: typeof portalUrl === 'string' && isWebUrl(portalUrl) ? portalUrl : null};
}
