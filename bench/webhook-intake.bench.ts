/**
 * Benchmark (not a test, ~10–30 s): a burst of 5,000 distinct signed webhooks on loopback, 50 in flight, each
 * verified, recorded and enqueued by verifyAndEnqueue against a fresh migrated SQLite database (the app's
 * connection settings, app/db.server.ts). A plain node:http server stands in for Remix, so the figures are the
 * intake's own: acknowledgement latency as the sender sees it, from request start to the end of the answer.
 *   npm run bench:webhooks
 * Goal: every webhook acknowledged (failures = 0) well inside Shopify's 5 s; one event and one job each.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { webhookHmac } from "../emulator/webhooks/signature";
import { verifyAndEnqueue } from "../app/webhooks/webhook-intake.server";
import { createTestDatabase } from "../tests/integration/test-database";

const WEBHOOKS = 5000;
const IN_FLIGHT = 50;
const API_SECRET = "bench-api-secret";
const SHOP = "bench.myshopify.com";

const database = createTestDatabase();
const { prisma: db } = database;

async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const request = new Request(`http://127.0.0.1${incoming.url ?? "/"}`, { method: incoming.method ?? "POST", headers, body: Buffer.concat(chunks) });
  const response = await verifyAndEnqueue(request, { db, apiSecret: API_SECRET });
  outgoing.writeHead(response.status).end(await response.text());
}

const server = createServer((incoming, outgoing) => {
  handle(incoming, outgoing).catch((error: unknown) => {
    console.error(error);
    outgoing.writeHead(500).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/orders/paid`;

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

const burst = Array.from({ length: WEBHOOKS }, (_, index) => webhook(index));
const latenciesMs: number[] = [];
let failures = 0;
let next = 0;

async function sender(): Promise<void> {
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
}

const started = performance.now();
await Promise.all(Array.from({ length: IN_FLIGHT }, () => sender()));
const seconds = (performance.now() - started) / 1000;

const events = await db.webhookEvent.count();
const jobs = await db.job.count();
server.close();
await database.cleanup();

const sorted = [...latenciesMs].sort((a, b) => a - b);
const percentile = (share: number) => Number(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!.toFixed(2));
console.log(
  JSON.stringify({
    webhooks: WEBHOOKS,
    inFlight: IN_FLIGHT,
    seconds: Number(seconds.toFixed(2)),
    acknowledgedPerSecond: Math.round((WEBHOOKS - failures) / seconds),
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    failures,
    eventsStored: events,
    jobsEnqueued: jobs,
  }),
);
