/**
 * Benchmark (not a test, ~90 s): 1,000 `metafieldsSet` mutations queued at once through the Admin client against
 * an in-process emulator whose shop is on the Basic (Standard) plan: a 2,000-point bucket restored at 100 points/s.
 *   npm run bench:client
 * Goals: restoreRateShare ≥ 0.9, failed = 0.
 */
import { startEmulator } from "../emulator/emulator";
import { createAdminClient, type AttemptEvent } from "../app/shopify/admin-client.server";
import { metafieldsSetMutation } from "../app/shopify/operations/metafields-set-mutation";
import { ShopThrottle } from "../app/shopify/shop-throttle";

const CALLS = 1000;
const shop = "bench-standard.myshopify.com";
const emulator = await startEmulator({ shops: [{ domain: shop, accessToken: "shpat_bench", plan: "basic", customers: [{ email: "buyer@example.com" }] }] });
const customerId = emulator.store.shop(shop).customers[0]!.id;

let throttledResponses = 0;
let pointsSpent = 0;
let bucket = { maximumAvailable: 0, restoreRate: 0 };
const onAttempt = (event: AttemptEvent) => {
  if (event.failure?.kind === "throttled" || event.failure?.kind === "rate-limited") throttledResponses += 1;
  else if (event.requestedQueryCost !== undefined) pointsSpent += event.requestedQueryCost;
};
const throttle = new ShopThrottle();
const client = createAdminClient({ shop, accessToken: "shpat_bench" }, { apiUrl: emulator.adminUrl(), throttle, onAttempt });

const started = performance.now();
const results = await Promise.allSettled(
  Array.from({ length: CALLS }, (_, index) =>
    client.request(metafieldsSetMutation, {
      metafields: [{ ownerId: customerId, namespace: "tranche_bench", key: `stage_${index}`, type: "single_line_text_field", value: `payment ${index + 1} of ${CALLS}` }],
    }),
  ),
);
const seconds = (performance.now() - started) / 1000;
const status = await (await fetch(emulator.adminUrl(), {
  method: "POST",
  headers: { "content-type": "application/json", "x-shopify-access-token": "shpat_bench" },
  body: JSON.stringify({ query: "{ shop { id } }" }),
})).json() as { extensions: { cost: { throttleStatus: typeof bucket } } };
bucket = status.extensions.cost.throttleStatus;
await emulator.close();

// The bucket starts full: its first `maximumAvailable` points cost no waiting, so they are not restore-rate use.
// What the restore rate had to supply is the rest, over the whole run; the share is that over what the rate could
// supply in the same time (restoreRate × seconds). 1.0 means not one second of restore was left unused.
const restoreRateShare = (pointsSpent - bucket.maximumAvailable) / (bucket.restoreRate * seconds);
console.log(
  JSON.stringify({
    calls: CALLS,
    failed: results.filter((result) => result.status === "rejected").length,
    throttledResponses,
    seconds: Number(seconds.toFixed(2)),
    pointsPerSecond: Number((pointsSpent / seconds).toFixed(1)),
    restoreRateShare: Number(restoreRateShare.toFixed(3)),
  }),
);
