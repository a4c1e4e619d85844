/**
 * Benchmark (not a test, ~3 min): 1,000 `metafieldsSet` mutations queued at once through the Admin client against
 * an in-process emulator whose shops are on the Basic (Standard) plan: a 2,000-point bucket restored at 100
 * points/s. Each mode sends them to a fresh shop and prints one JSON line:
 * - one-instance: one client pacing with this process's own model of the bucket (ShopThrottle).
 * - two-instances-shared: two app instances of 500 mutations each, each with its own Prisma client, pacing together
 *   through the database (ShopApiBucket, in a fresh migrated schema of the test server: tests/support).
 *   npm run bench:client                                   both modes
 *   npm run bench:client -- --mode one-instance|two-instances-shared
 * Goals: restoreRateShare ≥ 0.9, throttledResponses = 0 with two instances, failed = 0.
 */
import { parseArgs } from "node:util";
import type { PrismaClient } from "@prisma/client";

import { startEmulator } from "../emulator/emulator";
import { createPrismaClient } from "../app/prisma-client.server";
import { createAdminClient, type AdminClientOptions, type AttemptEvent } from "../app/shopify/admin-client.server";
import { metafieldsSetMutation } from "../app/shopify/operations/metafields-set-mutation";
import { ShopThrottle } from "../app/shopify/shop-throttle";
import { createTestDatabase } from "../tests/integration/test-database";

const CALLS = 1000;
const MODES = ["one-instance", "two-instances-shared"] as const;
type Mode = (typeof MODES)[number];

const { values: options } = parseArgs({ options: { mode: { type: "string", default: "both" } } });
const modes: readonly Mode[] = options.mode === "both" ? MODES : MODES.filter((mode) => mode === options.mode);
if (modes.length === 0) throw new Error(`--mode must be one-instance, two-instances-shared or both, not ${options.mode}`);

const shopOf = (mode: Mode) => ({
  domain: `bench-${mode}.myshopify.com`,
  accessToken: `shpat_${mode}`,
  plan: "basic" as const,
  customers: [{ email: "buyer@example.com" }],
});
const emulator = await startEmulator({ shops: modes.map(shopOf) });

/** Sends the CALLS mutations to the mode's shop, split evenly over one client per entry of `instances`. */
async function run(mode: Mode, instances: readonly AdminClientOptions[]): Promise<void> {
  const { domain, accessToken } = shopOf(mode);
  const customerId = emulator.store.shop(domain).customers[0]!.id;
  let throttledResponses = 0;
  let pointsSpent = 0;
  const onAttempt = (event: AttemptEvent) => {
    if (event.failure?.kind === "throttled" || event.failure?.kind === "rate-limited") throttledResponses += 1;
    else if (event.requestedQueryCost !== undefined) pointsSpent += event.requestedQueryCost;
  };
  const clients = instances.map((instance) => createAdminClient({ shop: domain, accessToken }, { apiUrl: emulator.adminUrl(), onAttempt, ...instance }));

  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CALLS }, (_, index) =>
      clients[index % clients.length]!.request(metafieldsSetMutation, {
        metafields: [
          { ownerId: customerId, namespace: "tranche_bench", key: `stage_${index}`, type: "single_line_text_field", value: `payment ${index + 1} of ${CALLS}` },
        ],
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const answer = (await (
    await fetch(emulator.adminUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": accessToken },
      body: JSON.stringify({ query: "{ shop { id } }" }),
    })
  ).json()) as { extensions: { cost: { throttleStatus: { maximumAvailable: number; restoreRate: number } } } };
  const bucket = answer.extensions.cost.throttleStatus;

  // The bucket starts full: its first `maximumAvailable` points cost no waiting, so they are not restore-rate use.
  // What the restore rate had to supply is the rest, over the whole run; the share is that over what the rate could
  // supply in the same time (restoreRate × seconds). 1.0 means not one second of restore was left unused.
  const restoreRateShare = (pointsSpent - bucket.maximumAvailable) / (bucket.restoreRate * seconds);
  console.log(
    JSON.stringify({
      mode,
      instances: instances.length,
      calls: CALLS,
      failed: results.filter((result) => result.status === "rejected").length,
      throttledResponses,
      seconds: Number(seconds.toFixed(2)),
      pointsPerSecond: Number((pointsSpent / seconds).toFixed(1)),
      restoreRateShare: Number(restoreRateShare.toFixed(3)),
    }),
  );
}

try {
  for (const mode of modes) {
    if (mode === "one-instance") {
      await run(mode, [{ throttle: new ShopThrottle() }]);
      continue;
    }
    const database = await createTestDatabase();
    // One Prisma client per instance: the instances share nothing but the database, as separate processes would.
    const instanceDbs: PrismaClient[] = [createPrismaClient(database.url), createPrismaClient(database.url)];
    try {
      await run(
        mode,
        instanceDbs.map((pacingDb) => ({ pacingDb })),
      );
    } finally {
      await Promise.all(instanceDbs.map((db) => db.$disconnect()));
      await database.cleanup();
    }
  }
} finally {
  await emulator.close();
}
