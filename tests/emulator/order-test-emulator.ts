import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import type { WebhookSubject } from "../../emulator/webhooks/webhook-subject";

/**
 * An in-process emulator with a Basic shop and a Plus shop for the order, payment and fulfillment tests: an
 * Admin API client over HTTP, the webhooks emitted (recorded instead of delivered), and job polling.
 */
export const BASIC = { domain: "basic-orders.myshopify.com", token: "shpat_basic_orders" };
export const PLUS = { domain: "plus-orders.myshopify.com", token: "shpat_plus_orders" };

export interface EmittedWebhook {
  readonly shop: string;
  readonly topic: string;
  readonly subject: WebhookSubject;
}

export interface OrderTestEmulator {
  readonly emulator: RunningEmulator;
  readonly webhooks: EmittedWebhook[];
  admin(query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
  /** Asks `job(id) { done }` until it is done (bounded number of tries, not a time assertion). */
  waitForJob(jobId: string, token?: string): Promise<void>;
}

export async function startOrderTestEmulator(): Promise<OrderTestEmulator> {
  const emulator = await startEmulator({
    shops: [
      {
        domain: BASIC.domain,
        accessToken: BASIC.token,
        plan: "basic",
        currencyCode: "USD",
        customers: [{ email: "ada@example.com", firstName: "Ada", lastName: "Byrne" }],
      },
      { domain: PLUS.domain, accessToken: PLUS.token, plan: "plus", currencyCode: "EUR" },
    ],
  });
  const webhooks: EmittedWebhook[] = [];
  emulator.store.setWebhookEmitter((shop, topic, subject) => webhooks.push({ shop, topic, subject }));
  const admin = async (query: string, variables: Record<string, unknown> = {}, token = BASIC.token) => {
    const response = await fetch(emulator.adminUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as any;
  };
  const waitForJob = async (jobId: string, token = BASIC.token) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { data } = await admin("query Job($id: ID!) { job(id: $id) { id done } }", { id: jobId }, token);
      if (data.job.done) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${jobId} never finished`);
  };
  return { emulator, webhooks, admin, waitForJob };
}

export const topicsFor = (webhooks: readonly EmittedWebhook[], orderId: string) =>
  webhooks.filter((webhook) => "orderId" in webhook.subject && webhook.subject.orderId === orderId).map((webhook) => webhook.topic);
