/**
 * One app instance of the shared pacing test (tests/integration/shared-api-pacing.test.ts): its own process, its own
 * Prisma client, the Admin client paced through the database. Run as
 * `node --import tsx shared-api-pacing-process.ts <database url> <admin api url> <shop> <access token> <customer id> <calls> <label>`.
 * It prints "ready" once connected, sends its `calls` metafieldsSet mutations at once when a line arrives on stdin,
 * and prints {"answered", "points", "throttled", "failed"}: calls answered and the points they were charged, THROTTLED
 * answers (each retried) and calls that failed for good.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createPrismaClient } from "../../app/prisma-client.server";
import { createAdminClient, type AttemptEvent } from "../../app/shopify/admin-client.server";
import { metafieldsSetMutation } from "../../app/shopify/operations/metafields-set-mutation";

const [databaseUrl, apiUrl, shop, accessToken, customerId, calls, label] = process.argv.slice(2) as [string, string, string, string, string, string, string];
const db = createPrismaClient(databaseUrl);
await db.$queryRaw`SELECT 1`;

let answered = 0;
let points = 0;
let throttled = 0;
const onAttempt = (event: AttemptEvent) => {
  if (event.failure?.kind === "throttled" || event.failure?.kind === "rate-limited") throttled += 1;
  else if (event.requestedQueryCost !== undefined) {
    answered += 1;
    points += event.requestedQueryCost;
  }
};
const client = createAdminClient({ shop, accessToken }, { apiUrl, pacingDb: db, onAttempt });

process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await once(lines, "line");
lines.close();
const results = await Promise.allSettled(
  Array.from({ length: Number(calls) }, (_, index) =>
    client.request(metafieldsSetMutation, {
      metafields: [{ ownerId: customerId, namespace: "tranche_pacing", key: `${label}_${index}`, type: "single_line_text_field", value: `${label} ${index}` }],
    }),
  ),
);
await db.$disconnect();
process.stdout.write(JSON.stringify({ answered, points, throttled, failed: results.filter((result) => result.status === "rejected").length }) + "\n");
