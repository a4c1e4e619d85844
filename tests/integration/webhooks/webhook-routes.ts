import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { PrismaClient } from "@prisma/client";
import type { ActionFunctionArgs } from "@remix-run/node";
import { vi } from "vitest";

import type { JobQueue } from "../../../app/lib/jobs/job-queue.server";
import { TEST_API_SECRET } from "./signed-webhook-request";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const routesDir = fileURLToPath(new URL("../../../app/routes/", import.meta.url));

/**
 * Loads every app/routes/webhooks.* module against `db` and `jobs`, keyed by topic (`webhooks.orders.paid.tsx` →
 * `orders/paid`). The routes use the app's database and job queue modules, which reuse globalThis.prismaGlobal and
 * globalThis.trancheJobQueue, and the app's secret: all are pointed at the test before the modules load afresh (importing test-database.ts has
 * already evaluated app/db.server.ts against the default database).
 */
export async function loadWebhookRouteActions(db: PrismaClient, jobs: JobQueue): Promise<Map<string, Action>> {
  globalThis.prismaGlobal = db;
  globalThis.trancheJobQueue = Promise.resolve(jobs);
  vi.resetModules();
  process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
  const actions = new Map<string, Action>();
  for (const file of readdirSync(routesDir).filter((name) => name.startsWith("webhooks."))) {
    const topic = file
      .replace(/^webhooks\./, "")
      .replace(/\.tsx?$/, "")
      .replace(".", "/");
    actions.set(topic, ((await import(/* @vite-ignore */ `${routesDir}${file}`)) as { action: Action }).action);
  }
  return actions;
}

/** Calls a route's action as Remix would, without a server. */
export function postWebhook(actions: Map<string, Action>, topic: string, request: Request): Promise<Response> {
  const action = actions.get(topic);
  if (!action) throw new Error(`no webhook route for ${topic}`);
  return action({ request, params: {}, context: {} });
}
