/**
 * Benchmark (not a test, about 3 min): does due work grow with what is due, not with how many contracts are open?
 * 1,000 shops; 1,000 stages (one per shop, on 1,000 contracts) fall due one after another over one minute, among
 * 10,000 and then 100,000 open contracts of 3-4 stages each, each size in a fresh migrated schema of the test
 * server (tests/integration/test-database.ts), seeded with set-based SQL.
 *
 * The app's own worker runs (`startWorker`: its due sweep every second, the queue's handlers polling every 0.5 s)
 * on a virtual clock, T0 plus the real time elapsed, so during the measured real minute the stages come due one by
 * one. Only the `contract:sync` handler is a stand-in: it notes when it ran and calls `refreshStageTimers` as the
 * real sync does last (the real sync's Shopify calls are not what is measured here).
 *
 * Per size it prints one JSON line: seconds from T0 until the last due stage was acted on (its contract's sync
 * started), each stage's lateness (sync start minus due time), and the sweep's query time and plan. A last line
 * sets the 100,000-contract figures beside the 10,000-contract baseline of the same run, with their ratios.
 *   npm run bench:due-work
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { z } from "zod";

import { startWorker } from "../app/jobs/app-worker.server";
import { JobHandlerRegistry } from "../app/lib/jobs/job-handlers.server";
import type { JobQueue, WorkOptions } from "../app/lib/jobs/job-queue.server";
import { postgresConnection } from "../app/postgres-connection.server";
import { CONTRACT_SYNC_JOB } from "../app/services/collection/contract-sync-requests.server";
import { refreshStageTimers, requestDueSyncs } from "../app/services/collection/due-sweep.server";
import { createTestDatabase, type TestDatabase } from "../tests/integration/test-database";
import { testBuyerMail } from "../tests/support/buyer-mail";

const SHOPS = 1_000;
/** The baseline first, then the size the platform issue asks about. */
const OPEN_CONTRACT_COUNTS = [10_000, 100_000] as const;
/** One due stage per shop, on distinct contracts. */
const DUE_STAGES = SHOPS;
const DUE_WINDOW_MS = 60_000;
/** The instant the minute starts; the stages due in it are on this UTC day, every other stage months later. */
const T0 = new Date("2027-03-01T09:00:00.000Z");
const SWEEP_INTERVAL_MS = 1_000;
const POLL_INTERVAL_SECONDS = 0.5;
/** How long after the minute the bench waits for stragglers before it reports what it has. */
const STRAGGLER_LIMIT_MS = 120_000;
const SWEEP_QUERY_REPEATS = 5;

/** `2027-03-01 09:00:00.000`: the instant as the `timestamp(3)` columns hold it (UTC, no zone). */
const sqlTimestamp = (instant: Date) => instant.toISOString().replace("T", " ").replace("Z", "");

/**
 * Plans, contracts and stages for `openContracts` contracts in blocks of equal size per shop. Contract `i` has 3
 * or 4 stages. The first stage of one contract per shop (shop k: the one at offset 7k within its block) is due at
 * T0 + (k + 1) × 60 ms, so the 1,000 due moments are spread evenly over the minute after T0; every other stage's
 * next action is the start of its due day, months ahead, as `nextTimedAction` would store it.
 */
async function seed(database: TestDatabase, openContracts: number): Promise<void> {
  const perShop = openContracts / SHOPS;
  const shop = (k: string) => `'bench-' || lpad((${k})::text, 4, '0') || '.myshopify.com'`;
  const contractId = (i: string) => `'ct_' || lpad((${i})::text, 6, '0')`;
  const shopIndex = `(i / ${perShop})`;
  const isDue = `(p = 1 AND i % ${perShop} = (${shopIndex} * 7) % ${perShop})`;
  const farDueDate = `(DATE '2027-06-01' + ((p - 1) * 30 + i % 28))`;
  const db = database.prisma;
  await db.$executeRawUnsafe(`
    INSERT INTO "Plan" ("id", "shop", "name", "syntax", "source", "model", "updatedAt")
    SELECT 'plan_' || lpad(k::text, 4, '0'), ${shop("k")}, 'Bench plan', 'stages', '[]', '{}', now()
    FROM generate_series(0, ${SHOPS - 1}) AS k`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Contract" ("id", "shop", "planId", "sourceDraftOrderId", "currency", "totalMinor", "mode", "status", "orderSnapshot", "timeZone", "updatedAt")
    SELECT ${contractId("i")}, ${shop(shopIndex)}, 'plan_' || lpad(${shopIndex}::text, 4, '0'), 'gid://shopify/DraftOrder/' || (1000000 + i),
           'USD', 10000 * (3 + i % 2), 'stageOrder', 'active', '{}', 'UTC', now()
    FROM generate_series(0, ${openContracts - 1}) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Stage" ("id", "contractId", "position", "kind", "title", "amountMinor", "taxShares", "dueRule", "dueDate", "status", "nextActionAt", "updatedAt")
    SELECT 'st_' || lpad(i::text, 6, '0') || '_' || p, ${contractId("i")}, p,
           CASE WHEN p = 1 THEN 'deposit' ELSE 'installment' END, 'Stage ' || p, 10000, '[]', '{}',
           CASE WHEN ${isDue} THEN '${T0.toISOString().slice(0, 10)}' ELSE to_char(${farDueDate}, 'YYYY-MM-DD') END,
           CASE WHEN p = 1 THEN 'invoiced' ELSE 'scheduled' END,
           CASE WHEN ${isDue} THEN TIMESTAMP '${sqlTimestamp(T0)}' + (${shopIndex} + 1) * INTERVAL '${DUE_WINDOW_MS / DUE_STAGES} milliseconds'
                ELSE ${farDueDate}::timestamp END,
           now()
    FROM generate_series(0, ${openContracts - 1}) AS i CROSS JOIN LATERAL generate_series(1, 3 + i % 2) AS p`);
  await db.$executeRawUnsafe(`ANALYZE`);
}

/** The queue with every send dropped: the sweep's own cost, without enqueueing. */
function droppingSends(jobs: JobQueue): JobQueue {
  return new Proxy(jobs, { get: (target, property, receiver) => (property === "send" ? async () => null : Reflect.get(target, property, receiver)) });
}

/**
 * The queue with the worker's handlers replaced by `handlers`: `startWorker` registers the app's real ones, whose
 * sync would call Shopify; everything else (its sweep timer, the queue's claiming and polling) stays the app's.
 */
function workingWith(jobs: JobQueue, handlers: JobHandlerRegistry): JobQueue {
  return new Proxy(jobs, {
    get: (target, property, receiver) =>
      property === "work" ? (options: WorkOptions) => target.work({ ...options, handlers }) : Reflect.get(target, property, receiver),
  });
}

interface SweepCost {
  /** Stages due at that instant (none acted on yet). */
  readonly contractsFound: number;
  /** Median wall time of `requestDueSyncs` there, its sends dropped. */
  readonly requestDueSyncsMs: number;
  /** The same statement under EXPLAIN ANALYZE. */
  readonly explainExecutionMs: number;
  readonly usesNextActionAtIndex: boolean;
  /** Its joins and scans, outermost first. */
  readonly plan: string;
}

/**
 * Times the sweep at an instant before the worker ran, and explains its statement: the SQL is the one
 * `requestDueSyncs` sends, caught from Prisma's query log, so the plan shown is never that of a stale copy.
 */
async function sweepCost(database: TestDatabase, jobs: JobQueue, at: Date): Promise<SweepCost> {
  const dropping = droppingSends(jobs);
  const timings: number[] = [];
  let contractsFound = 0;
  for (let run = 0; run < SWEEP_QUERY_REPEATS; run += 1) {
    const started = performance.now();
    contractsFound = await requestDueSyncs(database.prisma, dropping, null, at, "bench");
    timings.push(performance.now() - started);
  }

  const { config, schema } = postgresConnection(database.url);
  const logging = new PrismaClient({ adapter: new PrismaPg(config, schema ? { schema } : undefined), log: [{ emit: "event", level: "query" }] });
  const statements: { sql: string; params: string }[] = [];
  logging.$on("query", (event) => statements.push({ sql: event.query, params: event.params }));
  await requestDueSyncs(logging, dropping, null, at, "bench");
  await logging.$disconnect();
  const sweep = statements.find((statement) => /"nextActionAt"/.test(statement.sql));
  if (!sweep) throw new Error(`the sweep's statement was not in Prisma's query log: ${statements.map((statement) => statement.sql).join(" | ")}`);

  const client = new pg.Client(config);
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sweep.sql}`,
      z.array(z.unknown()).parse(JSON.parse(sweep.params)),
    );
    const explained = rows[0]!["QUERY PLAN"][0];
    const nodes = planNodes(explained.Plan).filter((node) => /Scan|Join|Nested Loop/.test(node["Node Type"]));
    return {
      contractsFound,
      requestDueSyncsMs: round(percentile(timings, 0.5)),
      explainExecutionMs: round(explained["Execution Time"]),
      usesNextActionAtIndex: nodes.some((node) => node["Index Name"] === "Stage_nextActionAt_idx"),
      plan: nodes
        .map(
          (node) =>
            `${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}`,
        )
        .join(" > "),
    };
  } finally {
    await client.end();
  }
}

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Name"?: string;
  readonly Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

interface Figures {
  readonly openContracts: number;
  readonly shops: number;
  readonly stages: number;
  readonly dueStages: number;
  readonly actedOn: number;
  /** From T0 until the last due stage's contract sync started; null when some never ran within the limit. */
  readonly secondsToLast: number | null;
  readonly latenessMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly syncsRun: number;
  /**
   * The sweep before the worker ran: one second into the minute (what each live sweep meets: the ~17 stages that
   * came due since the last) and at its end (all 1,000 due at once: a backlog, as after a worker outage).
   */
  readonly sweep: { readonly atOneSecond: SweepCost; readonly atOneMinute: SweepCost };
  readonly seedSeconds: number;
}

async function measure(openContracts: number): Promise<Figures> {
  const database = await createTestDatabase();
  try {
    const seedStarted = performance.now();
    await seed(database, openContracts);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const db = database.prisma;
    const windowEnd = new Date(T0.getTime() + DUE_WINDOW_MS);
    const dueStages = await db.stage.findMany({ where: { nextActionAt: { lte: windowEnd } }, select: { contractId: true, nextActionAt: true } });
    const dueAt = new Map(dueStages.map((stage) => [stage.contractId, stage.nextActionAt!.getTime()]));
    if (dueStages.length !== DUE_STAGES || dueAt.size !== DUE_STAGES)
      throw new Error(`seeded ${dueStages.length} due stages on ${dueAt.size} contracts, expected ${DUE_STAGES} on as many`);
    if ((await db.stage.count({ where: { nextActionAt: { lte: T0 } } })) !== 0) throw new Error("a seeded stage is due before T0");
    const stages = await db.stage.count();

    const jobs = await database.openJobQueue();
    const sweep = {
      atOneSecond: await sweepCost(database, jobs, new Date(T0.getTime() + SWEEP_INTERVAL_MS)),
      atOneMinute: await sweepCost(database, jobs, windowEnd),
    };

    // The virtual clock: T0 when the worker starts, then real time and the app's time run together.
    let clockStarted = 0;
    const now = () => new Date(T0.getTime() + (performance.now() - clockStarted));
    const actedAt = new Map<string, number>();
    let syncsRun = 0;
    const handlers = new JobHandlerRegistry();
    const syncPayload = z.object({ contractId: z.string() });
    handlers.register(CONTRACT_SYNC_JOB, async (payload, context) => {
      const { contractId } = syncPayload.parse(payload);
      const at = now();
      syncsRun += 1;
      if (!actedAt.has(contractId)) actedAt.set(contractId, at.getTime());
      // What the real sync does last: each stage's next timed action, moved past the moment that just came.
      await refreshStageTimers(context.db, context.shop, contractId, at);
    });
    const adminFor = () => {
      throw new Error("the due-work bench makes no Shopify calls");
    };
    clockStarted = performance.now();
    const worker = await startWorker(
      { db, jobs: workingWith(jobs, handlers), adminFor, now, buyerMail: testBuyerMail() },
      { sweepIntervalMs: SWEEP_INTERVAL_MS, pollIntervalSeconds: POLL_INTERVAL_SECONDS, log: (message) => console.error(message) },
    );
    while (actedAt.size < DUE_STAGES && now().getTime() < windowEnd.getTime() + STRAGGLER_LIMIT_MS) await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();

    const lateness = [...actedAt].map(([contractId, at]) => at - dueAt.get(contractId)!);
    const lastAt = Math.max(...actedAt.values());
    return {
      openContracts,
      shops: SHOPS,
      stages,
      dueStages: DUE_STAGES,
      actedOn: actedAt.size,
      secondsToLast: actedAt.size === DUE_STAGES ? round((lastAt - T0.getTime()) / 1000, 3) : null,
      latenessMs: { p50: round(percentile(lateness, 0.5)), p99: round(percentile(lateness, 0.99)), max: round(Math.max(...lateness)) },
      syncsRun,
      sweep,
      seedSeconds: round(seedSeconds),
    };
  } finally {
    await database.cleanup();
  }
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}

const [baselineSize, comparedSize] = OPEN_CONTRACT_COUNTS;
const baseline = await measure(baselineSize);
console.log(JSON.stringify(baseline));
const compared = await measure(comparedSize);
console.log(JSON.stringify(compared));
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a / b, 3));
console.log(
  JSON.stringify({
    compared: `${comparedSize} / ${baselineSize}`,
    seconds: { [comparedSize]: compared.secondsToLast, [baselineSize]: baseline.secondsToLast },
    secondsRatio: ratio(compared.secondsToLast, baseline.secondsToLast),
    p99LatenessMs: { [comparedSize]: compared.latenessMs.p99, [baselineSize]: baseline.latenessMs.p99 },
    p99LatenessRatio: ratio(compared.latenessMs.p99, baseline.latenessMs.p99),
    sweepMsAtOneSecond: { [comparedSize]: compared.sweep.atOneSecond.requestDueSyncsMs, [baselineSize]: baseline.sweep.atOneSecond.requestDueSyncsMs },
    sweepAtOneSecondRatio: ratio(compared.sweep.atOneSecond.requestDueSyncsMs, baseline.sweep.atOneSecond.requestDueSyncsMs),
    sweepMsAtOneMinute: { [comparedSize]: compared.sweep.atOneMinute.requestDueSyncsMs, [baselineSize]: baseline.sweep.atOneMinute.requestDueSyncsMs },
    sweepAtOneMinuteRatio: ratio(compared.sweep.atOneMinute.requestDueSyncsMs, baseline.sweep.atOneMinute.requestDueSyncsMs),
  }),
);
process.exit(0);
