import { randomUUID } from "node:crypto";
import { ADMIN_API_VERSION } from "../admin-schema";
import type { EmulatorStore } from "../state/emulator-store";
import { NO_FAULTS, parseFaults, SeededRandom, type WebhookFaults } from "./fault-injection";
import { buildWebhookPayload } from "./payloads/build-payload";
import { webhookHmac } from "./signature";
import type { WebhookSubject } from "./webhook-subject";
import { topicEnumValue } from "./webhook-topics";

/** The app the emulator delivers to: its credentials and its app-specific (TOML) subscriptions. */
export interface WebhookAppConfig {
  readonly apiKey: string;
  /** The client secret: webhooks are signed with it. */
  readonly apiSecret: string;
  /** Relative subscription uris (`/webhooks/app/uninstalled`, as in shopify.app.toml) resolve against this. */
  readonly url?: string;
  readonly webhooks?: readonly { readonly topic: string; readonly uri: string }[];
}

export interface WebhookDeliveryOptions {
  /** Multiplies Shopify's retry delays (8 retries over 4 hours); tests use a tiny factor. Default 1. */
  readonly retryScale?: number;
  /** How long an endpoint has to answer; Shopify gives 5 s. */
  readonly timeoutMs?: number;
  readonly faults?: Partial<WebhookFaults>;
}

export interface DeliveryAttempt {
  /** Emulator time of the attempt. */
  readonly at: string;
  /** The endpoint's HTTP status; null when there was no answer. */
  readonly status: number | null;
  readonly error?: string;
  readonly ok: boolean;
  /** A copy sent by the duplicate fault, not a retry. */
  readonly duplicate?: boolean;
}

export interface WebhookDelivery {
  /** `X-Shopify-Webhook-Id`: one per delivery to one endpoint, the same on its retries and duplicates. */
  readonly webhookId: string;
  readonly uri: string;
  readonly subscriptionName?: string;
  readonly attempts: DeliveryAttempt[];
  delivered: boolean;
  gaveUp: boolean;
}

export interface WebhookEvent {
  /** `X-Shopify-Event-Id`: one per event, shared by every delivery of it. */
  readonly id: string;
  readonly topic: string;
  readonly shop: string;
  readonly subject: WebhookSubject;
  readonly triggeredAt: string;
  readonly payload: object | null;
  /** Why no payload could be built (the subject was not found). */
  readonly error?: string;
  readonly deliveries: WebhookDelivery[];
}

interface Send {
  readonly event: WebhookEvent;
  readonly delivery: WebhookDelivery;
  readonly body: string;
  readonly duplicate: boolean;
}

interface PendingRetry {
  readonly send: Send;
  readonly dueAtMs: number;
  readonly timer: NodeJS.Timeout;
}

const HOUR_MS = 3_600_000;
const RETRIES = 8;
/** Exponential backoff whose 8 delays add up to Shopify's 4 hours: base × (1 + 2 + … + 128). */
export const RETRY_DELAYS_MS = Array.from({ length: RETRIES }, (_, retry) => ((4 * HOUR_MS) / (2 ** RETRIES - 1)) * 2 ** retry);
const MAX_LOGGED_EVENTS = 1000;

export const DEFAULT_APP: WebhookAppConfig = { apiKey: "emulator-api-key", apiSecret: "emulator-api-secret", webhooks: [] };

/**
 * Turns `store.emitWebhook` calls into Shopify-style deliveries: the payload is built from the state at emit
 * time, signed, POSTed to every subscription of the topic (the app's and those made with
 * webhookSubscriptionCreate), retried with exponential backoff on a non-2xx answer or a timeout, and given up
 * after 8 retries. First attempts to one endpoint go out in emit order unless faults say otherwise.
 */
export class WebhookDispatcher {
  readonly events: WebhookEvent[] = [];
  private faults: WebhookFaults;
  private random: SeededRandom;
  private readonly queues = new Map<string, Send[]>();
  private readonly pumping = new Set<string>();
  private held: Send[] = [];
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly retries = new Set<PendingRetry>();
  private readonly inFlight = new Set<AbortController>();
  /** The `delayMs` fault's waits, each with the function that ends it early (`stop` does). */
  private readonly delays = new Map<NodeJS.Timeout, () => void>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  private readonly retryScale: number;
  private readonly timeoutMs: number;
  private readonly unsubscribeClock: () => void;

  constructor(
    private readonly store: EmulatorStore,
    private readonly app: WebhookAppConfig = DEFAULT_APP,
    options: WebhookDeliveryOptions = {},
  ) {
    this.retryScale = options.retryScale ?? 1;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.faults = parseFaults(options.faults ?? {}, NO_FAULTS);
    this.random = new SeededRandom(this.faults.seed);
    // Moving the emulator's clock past a retry's due time sends it now, so the demo need not wait hours.
    this.unsubscribeClock = store.clock.onAdvance(() => this.runDueRetries());
  }

  get currentFaults(): WebhookFaults {
    return this.faults;
  }

  /** Changes the faults; a new seed restarts the random sequence. */
  setFaults(input: unknown): WebhookFaults {
    this.faults = parseFaults(input, this.faults);
    if (typeof input === "object" && input !== null && "seed" in input) this.random = new SeededRandom(this.faults.seed);
    return this.faults;
  }

  emit(shopDomain: string, topic: string, subject: WebhookSubject): WebhookEvent | undefined {
    if (this.stopped) return undefined;
    const shop = this.store.shops.get(shopDomain);
    if (!shop) return undefined;
    const triggeredAt = this.store.clock.nowIso();
    let payload: object | null = null;
    let error: string | undefined;
    try {
      payload = buildWebhookPayload(shop, topic, subject, triggeredAt);
    } catch (failure) {
      error = (failure as Error).message;
    }
    const targets = this.targets(shopDomain, topic);
    const event: WebhookEvent = {
      id: randomUUID(),
      topic,
      shop: shopDomain,
      subject,
      triggeredAt,
      payload,
      ...(error ? { error } : {}),
      deliveries: payload
        ? targets.map((target) => ({
            webhookId: randomUUID(),
            uri: target.uri,
            ...(target.name ? { subscriptionName: target.name } : {}),
            attempts: [],
            delivered: false,
            gaveUp: false,
          }))
        : [],
    };
    this.events.push(event);
    if (this.events.length > MAX_LOGGED_EVENTS) this.events.splice(0, this.events.length - MAX_LOGGED_EVENTS);
    const body = JSON.stringify(payload);
    for (const delivery of event.deliveries) {
      this.schedule({ event, delivery, body, duplicate: false });
      if (this.random.chance(this.faults.duplicateProbability)) this.schedule({ event, delivery, body, duplicate: true });
    }
    this.settle();
    return event;
  }

  /** Resolves once nothing is queued, held, in flight or waiting to be retried. */
  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribeClock();
    clearTimeout(this.holdTimer);
    for (const retry of this.retries) clearTimeout(retry.timer);
    for (const controller of this.inFlight) controller.abort();
    for (const [timer, finish] of this.delays) {
      clearTimeout(timer);
      finish();
    }
    this.delays.clear();
    this.retries.clear();
    this.held = [];
    this.queues.clear();
    this.settle();
  }

  private targets(shopDomain: string, topic: string): { uri: string; name?: string }[] {
    const fromApp = (this.app.webhooks ?? []).filter((webhook) => webhook.topic === topic).map((webhook) => ({ uri: this.absolute(webhook.uri) }));
    const fromApi = this.store
      .shop(shopDomain)
      .webhookSubscriptions.filter((subscription) => subscription.topic === topicEnumValue(topic))
      .map((subscription) => ({ uri: subscription.uri, ...(subscription.name ? { name: subscription.name } : {}) }));
    return [...fromApp, ...fromApi];
  }

  private absolute(uri: string): string {
    return this.app.url ? new URL(uri, this.app.url).toString() : uri;
  }

  /** Holds a first send for the reorder window, or queues it for its endpoint. */
  private schedule(send: Send): void {
    if (this.faults.reorderWindowMs > 0) {
      this.held.push(send);
      this.holdTimer ??= setTimeout(() => this.releaseHeld(), this.faults.reorderWindowMs);
      return;
    }
    this.enqueue(send);
  }

  private releaseHeld(): void {
    this.holdTimer = undefined;
    const released = this.random.shuffle(this.held);
    this.held = [];
    for (const send of released) this.enqueue(send);
    this.settle();
  }

  private enqueue(send: Send): void {
    if (this.stopped) return;
    const queue = this.queues.get(send.delivery.uri) ?? [];
    queue.push(send);
    this.queues.set(send.delivery.uri, queue);
    void this.pump(send.delivery.uri);
  }

  /** Sends one endpoint's queue one at a time, so its first attempts arrive in order. */
  private async pump(uri: string): Promise<void> {
    if (this.pumping.has(uri)) return;
    this.pumping.add(uri);
    try {
      for (let send = this.queues.get(uri)?.shift(); send; send = this.queues.get(uri)?.shift()) await this.attempt(send);
    } finally {
      this.pumping.delete(uri);
      this.queues.delete(uri);
      this.settle();
    }
  }

  private async attempt(send: Send): Promise<void> {
    const { delivery } = send;
    if (this.faults.delayMs > 0) await this.delay(this.faults.delayMs);
    if (this.stopped) return;
    const isFirst = !send.duplicate && delivery.attempts.every((attempt) => attempt.duplicate);
    let result: Omit<DeliveryAttempt, "at">;
    if (isFirst && this.random.chance(this.faults.failureProbability)) {
      // The injected failure: the attempt never reaches the endpoint, as with a dropped connection.
      result = { status: null, ok: false, error: "fault injection: first attempt failed" };
    } else {
      result = await this.post(send);
    }
    if (this.stopped) return;
    delivery.attempts.push({ at: this.store.clock.nowIso(), ...result, ...(send.duplicate ? { duplicate: true } : {}) });
    if (send.duplicate) return;
    if (result.ok) {
      delivery.delivered = true;
      return;
    }
    const retriesSoFar = delivery.attempts.filter((attempt) => !attempt.duplicate).length - 1;
    if (retriesSoFar >= RETRIES) {
      delivery.gaveUp = true;
      return;
    }
    this.scheduleRetry(send, (RETRY_DELAYS_MS[retriesSoFar] as number) * this.retryScale);
  }

  private delay(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        this.delays.delete(timer);
        resolve();
      };
      const timer = setTimeout(finish, milliseconds);
      this.delays.set(timer, finish);
    });
  }

  private async post(send: Send): Promise<Omit<DeliveryAttempt, "at">> {
    const { event, delivery, body } = send;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    try {
      const response = await fetch(delivery.uri, {
        method: "POST",
        redirect: "manual",
        signal: controller.signal,
        body,
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Topic": event.topic,
          "X-Shopify-Hmac-Sha256": webhookHmac(this.app.apiSecret, body),
          "X-Shopify-Shop-Domain": event.shop,
          "X-Shopify-API-Version": ADMIN_API_VERSION,
          "X-Shopify-Webhook-Id": delivery.webhookId,
          "X-Shopify-Event-Id": event.id,
          "X-Shopify-Triggered-At": event.triggeredAt,
          ...(delivery.subscriptionName ? { "X-Shopify-Name": delivery.subscriptionName } : {}),
        },
      });
      await response.arrayBuffer();
      const ok = response.status >= 200 && response.status < 300;
      return { status: response.status, ok, ...(ok ? {} : { error: `HTTP ${response.status}` }) };
    } catch (failure) {
      const reason = controller.signal.aborted ? (controller.signal.reason as Error) : (failure as Error);
      return { status: null, ok: false, error: reason?.message ?? String(failure) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private scheduleRetry(send: Send, delayMs: number): void {
    if (this.stopped) return;
    const retry: PendingRetry = {
      send,
      dueAtMs: this.store.clock.now().getTime() + delayMs,
      timer: setTimeout(() => this.runRetry(retry), delayMs),
    };
    this.retries.add(retry);
  }

  private runRetry(retry: PendingRetry): void {
    if (!this.retries.delete(retry)) return;
    clearTimeout(retry.timer);
    this.enqueue(retry.send);
  }

  private runDueRetries(): void {
    const now = this.store.clock.now().getTime();
    for (const retry of [...this.retries]) if (retry.dueAtMs <= now) this.runRetry(retry);
  }

  private isIdle(): boolean {
    return this.held.length === 0 && this.pumping.size === 0 && this.retries.size === 0 && [...this.queues.values()].every((queue) => queue.length === 0);
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
