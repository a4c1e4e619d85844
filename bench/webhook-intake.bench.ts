/**
 * Benchmark (not a test, ~30–60 s): a burst of 5,000 distinct signed webhooks on loopback, 50 in flight, each
 * verified, recorded and enqueued by verifyAndEnqueue against a fresh migrated PostgreSQL schema (the app's
 * connection settings, app/db.server.ts). A plain node:http server stands in for Remix, so the figures are the
 * intake's own: acknowledgement latency as the sender sees it, from request start to the end of the answer.
 *   npm run bench:webhooks                                  both modes, one JSON line each
 *   npm run bench:webhooks -- --mode intake-only|with-worker
 * - intake-only: no job worker runs; the intake has the database to itself.
 * - with-worker: the app's JobRunner consumes the queue meanwhile, in the same process and on the same connection
 *   (as app/jobs/app-job-worker.server.ts runs it), with a trivial handler for every subscribed topic that reads
 *   its payload and stamps the event processed; it also reports how many jobs were done by the end of the burst
 *   and how long the rest took.
 * Goal: every webhook acknowledged (failures = 0) well inside Shopify's 5 s; one event and one job each.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { tomlWebhookSubscriptions } from "../emulator/app-toml-webhooks";
import { webhookHmac } from "../emulator/webhooks/signature";
import { JobHandlerRegistry } from "../app/jobs/job-handlers.server";
import { JobRunner } from "../app/jobs/job-runner.server";
import { verifyAndEnqueue } from "../app/webhooks/webhook-intake.server";
import { webhookJobHandler, webhookJobKind } from "../app/webhooks/webhook-job.server";
import { createTestDatabase } from "../tests/integration/test-database";

const WEBHOOKS = 5000;
const IN_FLIGHT = 50;
const API_SECRET = "bench-api-secret";
const SHOP = "bench.myshopify.com";
/** How long the with-worker run waits, after the burst, for the worker to finish the queue. */
const DRAIN_LIMIT_MS = 300_000;

const MODES = ["intake-only", "with-worker"] as const;
type Mode = (typeof MODES)[number];

const { values: options } = parseArgs({ options: { mode: { type: "string", default: "both" } } });
const modes: readonly Mode[] = options.mode === "both" ? MODES : MODES.filter((mode) => mode === options.mode);
if (modes.length === 0) throw new Error(`--mode must be intake-only, with-worker or both, not ${options.mode}`);

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
    line_items: Array.from({ length: 3 }, (_, line) => ({ id: orderId * 10 + line, title: `Machine part ${line}`, quantity: 1, price: "400.00", tax_lines: [{ title: "VAT", rate: 0.19, price: "63.87" }] })),
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
  for (const topic of topics) registry.register(webhookJobKind(topic), webhookJobHandler(z.unknown(), async () => {}));
  return registry;
}

async function startIntakeServer(db: PrismaClient): Promise<{ url: string; close: () => void }> {
  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${incoming.url ?? "/"}`, { method: incoming.method ?? "POST", headers, body: Buffer.concat(chunks) });
    const response = await verifyAndEnqueue(request, { db, apiSecret: API_SECRET });
    outgoing.writeHead(response.status).end(await response.text());
  };
  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      console.error(error);
      outgoing.writeHead(500).end();
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

/** Waits until every job is done (or the limit passes); returns the seconds waited. */
async function drain(db: PrismaClient): Promise<number> {
  const started = performance.now();
  while ((await db.job.count({ where: { status: "done" } })) < WEBHOOKS && performance.now() - started < DRAIN_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (performance.now() - started) / 1000;
}

async function measure(mode: Mode): Promise<Record<string, unknown>> {
  const database = await createTestDatabase();
  const { prisma: db } = database;
  const server = await startIntakeServer(db);
  const worker = mode === "with-worker" ? new JobRunner({ db, handlers: trivialHandlersForEveryTopic(), log: (message) => console.error(message) }) : undefined;
  worker?.start();

  const { latenciesMs, failures, seconds } = await sendBurst(server.url);
  const workerFigures = worker
    ? { jobsDoneDuringBurst: await db.job.count({ where: { status: "done" } }), drainSeconds: Number((await drain(db)).toFixed(2)), jobsDone: await db.job.count({ where: { status: "done" } }) }
    : {};
  await worker?.stop();
  const events = await db.webhookEvent.count();
  const jobs = await db.job.count();
  server.close();
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
    jobsEnqueued: jobs,
    ...workerFigures,
  };
}

for (const mode of modes) console.log(JSON.stringify(await measure(mode)));
