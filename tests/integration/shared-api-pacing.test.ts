import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/emulator";
import { createAdminClient, type AttemptEvent } from "../../app/shopify/admin-client.server";
import { metafieldsSetMutation } from "../../app/shopify/operations/metafields-set-mutation";
import { ShopThrottle } from "../../app/shopify/shop-throttle";
import type { ThrottleStatus } from "../../app/shopify/throttle-pacer";
import { createTestDatabase } from "./test-database";

const INSTANCE = fileURLToPath(new URL("./shared-api-pacing-process.ts", import.meta.url));
/** Per instance: with two, 3,000 points against a Standard bucket of 2,000, so 1,000 must come from its restore rate. */
const CALLS_EACH = 150;
/** What Shopify, and the emulator, charge for a mutation. */
const MUTATION_COST = 10;

const database = await createTestDatabase();
let emulator: RunningEmulator;
const shops = ["shared", "alone"].map((name) => ({
  domain: `${name}.myshopify.com`,
  accessToken: `shpat_${name}`,
  plan: "basic" as const,
  customers: [{ email: "buyer@example.com" }],
}));

beforeAll(async () => {
  emulator = await startEmulator({ shops });
});
afterAll(async () => {
  await emulator.close();
  await database.cleanup();
});

/** What one instance saw: calls answered and the points charged for them, THROTTLED answers, calls that failed. */
interface InstanceRun {
  readonly answered: number;
  readonly points: number;
  readonly throttled: number;
  readonly failed: number;
}

const customerOf = (name: string) => emulator.store.shop(`${name}.myshopify.com`).customers[0]!.id;

/** Starts an app instance in a process of its own (shared-api-pacing-process.ts); resolves once it is connected. */
async function startInstance(name: string, label: string): Promise<{ go(): void; run: Promise<InstanceRun> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", INSTANCE, database.url, emulator.adminUrl(), `${name}.myshopify.com`, `shpat_${name}`, customerOf(name), String(CALLS_EACH), label],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => (line === "ready" ? resolve() : output.push(line)));
    child.on("exit", (code) => reject(new Error(`instance ${label} exited with ${code} before it was ready`)));
  });
  const run = once(child, "exit").then(([code]) => {
    if (code !== 0) throw new Error(`instance ${label} exited with ${code}`);
    return JSON.parse(output.at(-1)!) as InstanceRun;
  });
  await ready;
  return { go: () => child.stdin.end("go\n"), run };
}

/** The shop's bucket as the emulator reports it (after the runs: a one-point query). */
async function bucketOf(name: string): Promise<ThrottleStatus> {
  const response = await fetch(emulator.adminUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": `shpat_${name}` },
    body: JSON.stringify({ query: "{ shop { id } }" }),
  });
  return ((await response.json()) as { extensions: { cost: { throttleStatus: ThrottleStatus } } }).extensions.cost.throttleStatus;
}

/**
 * The share of the restore rate that mutations of `cost` points used once the full bucket they started with was
 * spent, from the times the emulator ran them (epoch ms, in order). The phase starts with the mutation that spent the
 * last of the full bucket: the bucket then held what it had restored since the first one. What the phase could
 * spend at most is that plus its restore rate over the phase; the share is what it did spend over that.
 */
function restoreRateShareAfterDrain(ranAt: readonly number[], cost: number, bucket: ThrottleStatus): number {
  const drained = Math.ceil(bucket.maximumAvailable / cost) - 1;
  const [first, drainedAt, last] = [ranAt[0]!, ranAt[drained]!, ranAt.at(-1)!];
  const heldWhenDrained = bucket.maximumAvailable + (bucket.restoreRate * (drainedAt - first)) / 1000 - (drained + 1) * cost;
  const spentAfter = (ranAt.length - 1 - drained) * cost;
  return spentAfter / (heldWhenDrained + (bucket.restoreRate * (last - drainedAt)) / 1000);
}

describe("Admin API pacing shared through the database", () => {
  it("two instances pacing one shop's Admin API together: 0 throttled calls and at least 0.9 of the restore rate", async () => {
    const instances = await Promise.all([startInstance("shared", "a"), startInstance("shared", "b")]);
    for (const instance of instances) instance.go();
    const runs = await Promise.all(instances.map((instance) => instance.run));
    // Each mutation made one metafield, stamped when the emulator ran it (and took its cost from the bucket).
    const ranAt = emulator.store
      .shop("shared.myshopify.com")
      .metafields.map((metafield) => Date.parse(metafield.createdAt))
      .sort((a, b) => a - b);
    const share = restoreRateShareAfterDrain(ranAt, MUTATION_COST, await bucketOf("shared"));
    const throttled = runs.reduce((sum, run) => sum + run.throttled, 0);
    console.log(
      `[shared pacing] 2 instances × ${CALLS_EACH} mutations: throttled ${throttled}, share of the restore rate once the bucket was drained ${share.toFixed(3)}`,
    );

    const everyCallAnsweredUnthrottled: InstanceRun = { answered: CALLS_EACH, points: CALLS_EACH * MUTATION_COST, throttled: 0, failed: 0 };
    expect(runs).toEqual([everyCallAnsweredUnthrottled, everyCallAnsweredUnthrottled]);
    expect(ranAt).toHaveLength(2 * CALLS_EACH);
    expect(share).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it("two instances each pacing alone (ShopThrottle, as without a database) are throttled: each takes the bucket for its own", async () => {
    const instance = (label: string) => {
      let throttled = 0;
      const onAttempt = (event: AttemptEvent) => {
        if (event.failure?.kind === "throttled") throttled += 1;
      };
      const client = createAdminClient(
        { shop: "alone.myshopify.com", accessToken: "shpat_alone" },
        { apiUrl: emulator.adminUrl(), throttle: new ShopThrottle(), onAttempt },
      );
      const calls = Array.from({ length: CALLS_EACH }, (_, index) =>
        client.request(metafieldsSetMutation, {
          metafields: [
            { ownerId: customerOf("alone"), namespace: "tranche_pacing", key: `${label}_${index}`, type: "single_line_text_field", value: `${label} ${index}` },
          ],
        }),
      );
      return Promise.allSettled(calls).then((results) => ({ throttled, failed: results.filter((result) => result.status === "rejected").length }));
    };
    const runs = await Promise.all([instance("a"), instance("b")]);
    const throttled = runs.reduce((sum, run) => sum + run.throttled, 0);
    console.log(`[in-process pacing] 2 instances × ${CALLS_EACH} mutations: throttled ${throttled}`);

    expect(runs.map((run) => run.failed)).toEqual([0, 0]);
    expect(throttled).toBeGreaterThan(0);
  }, 60_000);
});
