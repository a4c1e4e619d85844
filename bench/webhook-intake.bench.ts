/**
 * Benchmark (not a test, about a minute): a burst of 5,000 distinct signed webhooks on loopback, 50 in flight, each
 * answered by a plain node:http server, so the figures are the intake's own: acknowledgement latency as the sender
 * sees it, from request start to the end of the answer. Three servers on the same PostgreSQL, in the same run:
 *   baseline       the simplest correct intake: HMAC check and one INSERT of the event (pg, autocommit), no job
 *   app            verifyAndEnqueue: size cap, HMAC, the event and its pg-boss job in one transaction
 *   app+worker     the same while a job worker drains the queue in the same process (trivial handlers)
 * Three rounds alternate the servers; it prints one JSON line per server and round, then the medians and the app's
 * median rate and p99 as a share of the baseline's.
 *   npm run bench:webhooks
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { z } from "zod";

import { tomlWebhookSubscriptions } from "../emulator/app-toml-webhooks";
import { webhookHmac } from "../emulator/webhooks/signature";
import { JobHandlerRegistry } from "../app/lib/jobs/job-handlers.server";
import type { JobQueue } from "../app/lib/jobs/job-queue.server";
import { postgresConnection } from "../app/postgres-connection.server";
import { verifyAndEnqueue } from "../app/webhooks/webhook-intake.server";
import { webhookJobHandler, webhookJobKind } from "../app/webhooks/webhook-job.server";
import { createTestDatabase } from "../tests/integration/test-database";

const WEBHOOKS = 5000;
const IN_FLIGHT = 50;
const API_SECRET = "bench-api-secret";
const SHOP = "bench.myshopify.com";
/** How long the app+worker run waits, after the burst, for the worker to finish the queue. */
const DRAIN_LIMIT_MS = 300_000;

type Mode = "baseline" | "app" | "app+worker";
type Handler = (incoming: IncomingMessage, rawBody: Buffer) => Promise<number>;

/** One signed orders/paid webhook, the size of a small real order payload (~1.5 KB). */
function webhook(index: number): { body: string; headers: Record<string, string> } {
  const orderId = 5_000_000 + index;
  const body = JSON.stringify({
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${1000 + index}`,
    email: `buyer${index}@example.com`,
    financial_status: "paid",
    currency: "EUR",
    total_price: "1200.00",
    note_attributes: [{ name: "tranche_contract", value: `contract-${index}` }],
    line_items: Array.from({ length: 3 }, (_, line) => ({
      id: orderId * 10 + line,
      title: `Machine part ${line}`,
      quantity: 1,
      price: "400.00",
      tax_lines: [{ title: "VAT", rate: 0.19, price: "63.87" }],
    })),
    transactions: [{ id: orderId * 7, kind: "sale", status: "success", amount: "1200.00", gateway: "bogus" }],
  });
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/paid",
      "X-Shopify-Hmac-Sha256": webhookHmac(API_SECRET, body),
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  };
}

/** Every topic shopify.app.toml subscribes to, each with a handler that only reads its job and stamps its event. */
function trivialHandlersForEveryTopic(): JobHandlerRegistry {
  const registry = new JobHandlerRegistry();
  const topics = new Set(tomlWebhookSubscriptions(fileURLToPath(new URL("../shopify.app.toml", import.meta.url))).map((subscription) => subscription.topic));
  for (const topic of topics)
    registry.register(
      webhookJobKind(topic),
      webhookJobHandler(z.unknown(), async () => {}),
    );
  return registry;
}

/** The app's intake: the request as Remix would hand it to the route. */
function appIntake(jobs: JobQueue): Handler {
  return async (incoming, rawBody) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${incoming.url ?? "/"}`, { method: "POST", headers, body: new Uint8Array(rawBody) });
    return (await verifyAndEnqueue(request, { jobs, apiSecret: API_SECRET, topic: "orders/paid" })).status;
  };
}

/** The baseline: what any correct intake must do at least, with the same pool size as the app's client. */
function baselineIntake(pool: pg.Pool): Handler {
  return async (incoming, rawBody) => {
    const given = Buffer.from(String(incoming.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    const expected = createHmac("sha256", API_SECRET).update(rawBody).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 401;
    await pool.query(
      `INSERT INTO "WebhookEvent" ("id", "shop", "eventId", "webhookId", "topic", "payload") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("shop", "eventId") DO NOTHING`,
      [
        randomUUID(),
        String(incoming.headers["x-shopify-shop-domain"]),
        String(incoming.headers["x-shopify-event-id"]),
        String(incoming.headers["x-shopify-webhook-id"]),
        "orders/paid",
        rawBody.toString("utf8"),
      ],
    );
    return 200;
  };
}

async function startServer(handle: Handler): Promise<{ url: string; close: () => void }> {
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      handle(incoming, Buffer.concat(chunks)).then(
        (status) => outgoing.writeHead(status).end(),
        (error: unknown) => {
          console.error(error);
          outgoing.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/orders/paid`, close: () => server.close() };
}

/** Sends the burst, IN_FLIGHT at a time; returns each acknowledgement's latency and the failures. */
async function sendBurst(url: string): Promise<{ latenciesMs: number[]; failures: number; seconds: number }> {
  const burst = Array.from({ length: WEBHOOKS }, (_, index) => webhook(index));
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const sender = async () => {
    for (let index = next++; index < WEBHOOKS; index = next++) {
      const { body, headers } = burst[index]!;
      const started = performance.now();
      try {
        const response = await fetch(url, { method: "POST", headers, body });
        await response.arrayBuffer();
        if (response.status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      latenciesMs.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => sender()));
  return { latenciesMs, failures, seconds: (performance.now() - started) / 1000 };
}

/** Waits until the queue is empty (or the limit passes); returns the seconds waited. */
async function drain(jobs: JobQueue): Promise<number> {
  const started = performance.now();
  while ((await jobs.unfinishedJobs()) > 0 && performance.now() - started < DRAIN_LIMIT_MS) await new Promise((resolve) => setTimeout(resolve, 50));
  return (performance.now() - started) / 1000;
}

interface Figures {
  readonly mode: Mode;
  readonly acknowledgedPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly [other: string]: unknown;
}

async function measure(mode: Mode): Promise<Figures> {
  const database = await createTestDatabase();
  const jobs = await database.openJobQueue({ supervise: mode === "app+worker" });
  const pool = new pg.Pool(postgresConnection(database.url).config);
  const server = await startServer(mode === "baseline" ? baselineIntake(pool) : appIntake(jobs));
  if (mode === "app+worker")
    await jobs.work({
      db: database.prisma,
      handlers: trivialHandlersForEveryTopic(),
      now: () => new Date(),
      log: (message) => console.error(message),
      pollIntervalSeconds: 0.5,
    });

  const { latenciesMs, failures, seconds } = await sendBurst(server.url);
  const drainSeconds = mode === "app+worker" ? { drainSecondsAfterBurst: Number((await drain(jobs)).toFixed(2)) } : {};
  const events = await database.prisma.webhookEvent.count();
  const stored = await database.storedJobs();
  server.close();
  await pool.end();
  await database.cleanup();

  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const percentile = (share: number) => Number(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!.toFixed(2));
  return {
    mode,
    webhooks: WEBHOOKS,
    inFlight: IN_FLIGHT,
    seconds: Number(seconds.toFixed(2)),
    acknowledgedPerSecond: Math.round((WEBHOOKS - failures) / seconds),
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    failures,
    eventsStored: events,
    jobsEnqueued: stored.length,
    jobsCompleted: stored.filter((job) => job.state === "completed").length,
    ...drainSeconds,
  };
}

// Rounds alternate the three servers, so that whatever else the machine does falls on each alike; the medians compare.
const ROUNDS = 3;
const figures = new Map<Mode, Figures[]>();
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const mode of ["baseline", "app", "app+worker"] as const) {
    const measured = await measure(mode);
    console.log(JSON.stringify({ round, ...measured }));
    figures.set(mode, [...(figures.get(mode) ?? []), measured]);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianOf = (mode: Mode) => ({
  acknowledgedPerSecond: median(figures.get(mode)!.map((figure) => figure.acknowledgedPerSecond)),
  p50Ms: median(figures.get(mode)!.map((figure) => figure.p50Ms)),
  p99Ms: median(figures.get(mode)!.map((figure) => figure.p99Ms)),
});
const baseline = medianOf("baseline");
console.log(JSON.stringify({ medianOf: ROUNDS, baseline }));
for (const mode of ["app", "app+worker"] as const) {
  const measured = medianOf(mode);
  console.log(
    JSON.stringify({
      compared: `${mode} / baseline`,
      ...measured,
      rateRatio: Number((measured.acknowledgedPerSecond / baseline.acknowledgedPerSecond).toFixed(2)),
      p99Ratio: Number((measured.p99Ms / baseline.p99Ms).toFixed(2)),
    }),
  );
}
await new Promise((resolve) => setTimeout(resolve, 0));
process.exit(0);
