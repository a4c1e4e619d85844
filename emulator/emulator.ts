import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_API_VERSION, adminSchema } from "./admin-schema";
import { runDueWork } from "./commerce/due-work";
import { checkoutRoutes } from "./checkout/checkout-routes";
import { controlRoutes } from "./control/control-routes";
import { orderPaymentRoutes } from "./checkout/order-payment-routes";
import { executeAdminQuery, type AdminRequest } from "./graphql/execute-admin-query";
import { LeakyBucket } from "./graphql/leaky-bucket";
import { appMailRoutes } from "./mail/app-mail-routes";
import { listenSmtpMailbox, type SmtpMailbox, type SmtpMailboxOptions } from "./mail/smtp-mailbox";
import { ADMIN_RESOLVER_MODULES } from "./graphql/resolvers";
import { inspectionRoutes } from "./http/inspection-routes";
import { json, matchRoute, readBody, send, type Route } from "./http/router";
import { EmulatorStore } from "./state/emulator-store";
import type { ShopFixture } from "./state/seed";
import { WebhookDispatcher, type WebhookAppConfig, type WebhookDeliveryOptions } from "./webhooks/webhook-dispatcher";
import { webhookRoutes } from "./webhooks/webhook-routes";

export interface EmulatorOptions {
  readonly shops?: readonly ShopFixture[];
  /** Restore state from this snapshot file if it exists, and save it there on close. */
  readonly snapshotFile?: string;
  readonly port?: number;
  readonly host?: string;
  /** The app webhooks are signed for and sent to (its TOML subscriptions); a default app when absent. */
  readonly app?: WebhookAppConfig;
  /** Retry timing, timeout and injected faults of webhook delivery. */
  readonly webhookDelivery?: WebhookDeliveryOptions;
  /** Take the app's emails over SMTP on this port of `host`; without it the emulator runs no SMTP server. */
  readonly smtp?: SmtpMailboxOptions;
}

export interface RunningEmulator {
  readonly store: EmulatorStore;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The Admin GraphQL endpoint of a shop. */
  adminUrl(): string;
  /** `smtp://127.0.0.1:PORT`, where the app sends its emails (`SMTP_URL`); undefined without the `smtp` option. */
  readonly smtpUrl: string | undefined;
  readonly webhooks: WebhookDispatcher;
  /** Resolves once every webhook emitted so far has been delivered or given up (retries included). */
  waitForWebhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the emulator: one HTTP server for the Admin API of every shop (told apart by access token), the
 * buyer's checkout pages, the emulator's inspection API (outbox, clock, webhook log and faults), and its control
 * page for people (`/_emulator`); with `smtp`, an SMTP server whose messages the control page shows as the app's
 * emails.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new EmulatorStore();
  if (options.snapshotFile && existsSync(options.snapshotFile)) store.load(options.snapshotFile);
  for (const fixture of options.shops ?? []) if (!store.shops.has(fixture.domain)) store.addShop(fixture);
  const host = options.host ?? "127.0.0.1";
  // First, so that a port already taken fails the start before any timer runs.
  const smtp: SmtpMailbox | undefined = options.smtp ? await listenSmtpMailbox(store, options.smtp, host) : undefined;
  const webhooks = new WebhookDispatcher(store, options.app, options.webhookDelivery);
  store.setWebhookEmitter((shop, topic, subject) => void webhooks.emit(shop, topic, subject));
  // Shopify's background work (mandate payment jobs, due payment schedules) runs when emulator time moves on
  // and, for real time passing, every 50 ms.
  const stopDueWorkOnAdvance = store.clock.onAdvance(() => runDueWork(store));
  const dueWorkTimer = setInterval(() => runDueWork(store), 50);
  const buckets = new Map<string, LeakyBucket>();
  const bucketFor = (domain: string) => {
    const plan = store.shop(domain).settings.plan;
    let bucket = buckets.get(domain);
    if (!bucket) buckets.set(domain, (bucket = new LeakyBucket(plan)));
    else bucket.setPlan(plan);
    return bucket;
  };

  const adminRoute: Route = {
    method: "POST",
    path: `/admin/api/${ADMIN_API_VERSION}/graphql.json`,
    handler: async ({ headers, body }) => {
      const token = headers["x-shopify-access-token"];
      const shop = typeof token === "string" ? store.shopByToken(token) : undefined;
      if (!shop) return json(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
      let request: AdminRequest;
      try {
        request = JSON.parse(body) as AdminRequest;
      } catch {
        return json(400, { errors: "the request body is not JSON" });
      }
      if (typeof request?.query !== "string") return json(400, { errors: "the request has no query" });
      const response = await executeAdminQuery(store, shop, bucketFor(shop.settings.domain), ADMIN_RESOLVER_MODULES, request);
      return json(response.status, response.body);
    },
  };
  const routes = [
    adminRoute,
    ...inspectionRoutes(store),
    ...webhookRoutes(webhooks),
    ...controlRoutes(store, webhooks, smtp?.url),
    ...appMailRoutes(store),
    ...checkoutRoutes(store),
    ...orderPaymentRoutes(store),
  ];

  const server: Server = createServer((request, response) => {
    void (async () => {
      try {
        const url = new URL(request.url ?? "/", "http://emulator.local");
        const match = matchRoute(routes, request.method ?? "GET", url.pathname);
        if (!match) return send(response, json(404, { errors: "Not Found" }));
        const body = await readBody(request);
        send(response, await match.route.handler({ method: request.method ?? "GET", url, headers: request.headers, body, params: match.params }));
      } catch (error) {
        send(response, json(500, { errors: `emulator error: ${(error as Error).message}` }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  store.publicUrl = url;
  // Building Shopify's schema takes most of a second; start it now rather than on the first request.
  setImmediate(adminSchema);
  return {
    store,
    url,
    adminUrl: () => `${url}/admin/api/${ADMIN_API_VERSION}/graphql.json`,
    smtpUrl: smtp?.url,
    webhooks,
    waitForWebhooksIdle: () => webhooks.waitForIdle(),
    close: async () => {
      clearInterval(dueWorkTimer);
      stopDueWorkOnAdvance();
      webhooks.stop();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await smtp?.close();
      if (options.snapshotFile) store.save(options.snapshotFile);
    },
  };
}
