/**
 * Benchmark (not a test; a few minutes, one of them seeding): what the books cost a shop with 20,000 contracts. The bulk
 * seed of the portfolio tests (tests/integration/models/bulk-portfolio-seed.ts) puts 60,000 contracts over three shops in
 * a fresh migrated schema of the test server; BOOKS_SEED below then rewrites their books facts in a realistic mix (paid
 * and shipped, paid with a refund after shipping, part paid, part paid and shipped, cancelled with each settlement,
 * waiting for the deposit) with a ledger that matches the stages. One shop's books are then read: the deferred revenue
 * roll-forward over 12 months, the journal entries of one month, and the generic journal CSV of a month and of a year
 * through the export service into a sink that only counts bytes. Each runs REPEATS times and prints one JSON line with
 * its median milliseconds beside a baseline from the same run — the bare read the journal cannot beat (plain SELECTs of
 * the shop's contracts, stages and ledger entries, no journal computed) — and their ratio, with the same rows read a
 * page at a time as the journal source reads them (Prisma, no journal) for where the time goes. Before the timings, the
 * peak resident memory added while a year is exported. The deferred revenue roll-forward of one month (the reports
 * index's headline) is also timed against the same roll-forward fed the whole history's journal, as every view built it
 * before the range picked the contracts. Last, the SQL reports at the end of the year: aging, expected collections
 * (12 weeks) and collected (12 months), each beside its own baseline, a plain SUM over the same rows.
 *   npm run bench:books                                        (BOOKS_BENCH_CONTRACTS=2000 for a quick run)
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import type { PrismaClient } from "@prisma/client";

import { RollForward } from "../app/domain/books/roll-forward";
import { addDays, type CalendarDate } from "../app/domain/dates/calendar-date";
import { agingReport } from "../app/models/reports/aging.server";
import { collectedReport } from "../app/models/reports/collected.server";
import { expectedCollections } from "../app/models/reports/expected-collections.server";
import { accountingExport } from "../app/services/accounting-export/accounting-export.server";
import { contractJournalsOf, journalEntriesThrough, rollForwardContracts } from "../app/services/books/journal-source.server";
import { deferredRevenueRollForward } from "../app/services/books/deferred-revenue.server";
import { BULK_SHOPS, seedBulkPortfolio } from "../tests/integration/models/bulk-portfolio-seed";
import { createTestDatabase } from "../tests/integration/test-database";

/** Contracts of the measured shop; the seed spreads three times as many over the three bulk shops. */
const SHOP_CONTRACTS = Number(process.env.BOOKS_BENCH_CONTRACTS ?? 20_000);
const REPEATS = Number(process.env.BOOKS_BENCH_REPEATS ?? 3);
const YEAR = { from: "2026-04-01" as CalendarDate, to: "2027-03-31" as CalendarDate };
const MONTH = { from: "2027-02-01" as CalendarDate, to: "2027-02-28" as CalendarDate };

/**
 * The books facts of every bulk contract i, as set-based SQL over what seedBulkPortfolio wrote (2 to 4 stages each,
 * amounts a function of i). Scenario i % 10: 0–2 paid in full and shipped (2 with a quarter of the deposit refunded
 * after shipping, 0 now and then with a refund naming no stage), 3–4 part paid and not shipped (4 with its second stage
 * half paid, 3 now and then with half the deposit refunded), 5 shipped with its balance unpaid, 6–8 cancelled after
 * the deposit and an unpaid second invoice (settled by refund, as credit, closed), 9 waiting for its deposit. Stage p
 * is invoiced 20·(p−1) days after the contract's first day (spread over 14 months); shipping is the last stage's
 * invoice day; cancellation 25 days in. Tax: 6/106 and 4/106 of each stage, on two lines.
 */
const BOOKS_SEED = [
  `CREATE TEMP TABLE books_contract AS
   SELECT "id", i, i % 10 AS scenario, DATE '2026-01-05' + (i * 7) % 420 AS start,
     (SELECT COUNT(*)::int FROM "Stage" s WHERE s."contractId" = c."id") AS stages
   FROM (SELECT "id", substring("id" FROM 6)::int AS i FROM "Contract" WHERE "id" LIKE 'bulk-%') AS c`,
  `UPDATE "Contract" c SET
     "sourceDraftName" = '#D' || b.i,
     "mainOrderName" = CASE WHEN b.scenario = 9 THEN NULL ELSE '#' || (1000 + b.i) END,
     "status" = (ARRAY['completed', 'completed', 'completed', 'active', 'active', 'active', 'cancelled', 'cancelled', 'cancelled', 'awaitingDeposit'])[1 + b.scenario],
     "fulfilledOn" = CASE WHEN b.scenario IN (0, 1, 2, 5) THEN to_char(b.start + 20 * (b.stages - 1), 'YYYY-MM-DD') END,
     "cancelledOn" = CASE WHEN b.scenario IN (6, 7, 8) THEN to_char(b.start + 25, 'YYYY-MM-DD') END,
     "cancellation" = CASE b.scenario
       WHEN 6 THEN '{"settlement":"refund","amount":"all","refundedBefore":"0"}'
       WHEN 7 THEN '{"settlement":"keepAsCredit"}'
       WHEN 8 THEN '{"settlement":"close"}' END
   FROM books_contract b WHERE b."id" = c."id"`,
  `CREATE TEMP TABLE books_stage AS
   SELECT s."id", s."contractId", s."position" AS p, s."amountMinor" AS amount, b.i, b.scenario, b.stages,
     b.start + 20 * (s."position" - 1) AS issue,
     CASE
       WHEN b.scenario IN (0, 1, 2) THEN 'paid'
       WHEN b.scenario IN (3, 4) THEN (ARRAY['paid', 'invoiced', 'scheduled', 'scheduled'])[s."position"]
       WHEN b.scenario = 5 THEN CASE WHEN s."position" < b.stages THEN 'paid' WHEN b.i % 2 = 0 THEN 'overdue' ELSE 'invoiced' END
       WHEN b.scenario IN (6, 7, 8) THEN CASE WHEN s."position" > 1 THEN 'cancelled' WHEN b.scenario = 6 THEN 'refunded' ELSE 'paid' END
       ELSE CASE WHEN s."position" = 1 THEN 'invoiced' ELSE 'scheduled' END
     END AS status,
     CASE
       WHEN b.scenario IN (0, 1, 2) THEN s."amountMinor"
       WHEN b.scenario IN (3, 6, 7, 8) THEN CASE WHEN s."position" = 1 THEN s."amountMinor" ELSE 0 END
       WHEN b.scenario = 4 THEN CASE s."position" WHEN 1 THEN s."amountMinor" WHEN 2 THEN s."amountMinor" / 2 ELSE 0 END
       WHEN b.scenario = 5 THEN CASE WHEN s."position" < b.stages THEN s."amountMinor" ELSE 0 END
       ELSE 0
     END AS paid,
     CASE
       WHEN b.scenario = 2 AND s."position" = 1 THEN s."amountMinor" / 4
       WHEN b.scenario = 3 AND b.i % 7 = 0 AND s."position" = 1 THEN s."amountMinor" / 2
       WHEN b.scenario = 6 AND s."position" = 1 THEN s."amountMinor"
       ELSE 0
     END AS refunded
   FROM "Stage" s JOIN books_contract b ON b."id" = s."contractId"`,
  `UPDATE "Stage" s SET
     "status" = bs.status, "paidMinor" = bs.paid, "refundedMinor" = bs.refunded,
     "issueDate" = CASE WHEN bs.status = 'scheduled' OR (bs.status = 'cancelled' AND bs.p > 2) THEN NULL ELSE to_char(bs.issue, 'YYYY-MM-DD') END,
     "dueDate" = CASE WHEN bs.status = 'scheduled' OR (bs.status = 'cancelled' AND bs.p > 2) THEN NULL ELSE to_char(bs.issue + CASE WHEN bs.p = 1 THEN 0 ELSE 14 END, 'YYYY-MM-DD') END,
     "invoiceNumber" = CASE WHEN bs.status = 'scheduled' OR (bs.status = 'cancelled' AND bs.p > 2) THEN NULL ELSE 'T-' || bs.i || '-' || bs.p END,
     "taxShares" = json_build_array(
       json_build_object('title', 'State tax', 'amountMinor', (bs.amount * 6 / 106)::text),
       json_build_object('title', 'City tax', 'amountMinor', (bs.amount * 4 / 106)::text))::text
   FROM books_stage bs WHERE bs."id" = s."id"`,
  `DELETE FROM "LedgerEntry" WHERE "contractId" LIKE 'bulk-%'`,
  // Payments a few days after each invoice (18:00 UTC is the same day in every bulk zone but Auckland's next).
  `INSERT INTO "LedgerEntry" ("id", "shop", "contractId", "stageId", "kind", "amountMinor", "currency", "shopifyRef", "occurredAt")
   SELECT bs."id" || '-pay', c."shop", c."id", bs."id", CASE WHEN (bs.i + bs.p) % 4 = 0 THEN 'manualPayment' ELSE 'payment' END,
     bs.paid, c."currency", bs."id" || '-pay', (bs.issue + bs.i % 4) + TIME '18:00'
   FROM books_stage bs JOIN "Contract" c ON c."id" = bs."contractId" WHERE bs.paid > 0`,
  `INSERT INTO "LedgerEntry" ("id", "shop", "contractId", "stageId", "kind", "amountMinor", "currency", "shopifyRef", "occurredAt")
   SELECT bs."id" || '-refund', c."shop", c."id", bs."id", 'refund', bs.refunded, c."currency", bs."id" || '-refund',
     CASE bs.scenario
       WHEN 2 THEN (b.start + 20 * (b.stages - 1) + 5) + TIME '19:00'
       WHEN 3 THEN (bs.issue + 10) + TIME '19:00'
       ELSE (b.start + 25) + TIME '20:00' END
   FROM books_stage bs JOIN books_contract b ON b."id" = bs."contractId" JOIN "Contract" c ON c."id" = bs."contractId"
   WHERE bs.refunded > 0`,
  `INSERT INTO "LedgerEntry" ("id", "shop", "contractId", "stageId", "kind", "amountMinor", "currency", "shopifyRef", "occurredAt")
   SELECT c."id" || '-goodwill', c."shop", c."id", NULL, 'refund', 1000, c."currency", c."id" || '-goodwill',
     (b.start + 20 * (b.stages - 1) + 10) + TIME '19:00'
   FROM books_contract b JOIN "Contract" c ON c."id" = b."id" WHERE b.scenario = 0 AND b.i % 50 = 0`,
  `DROP TABLE books_stage`,
  `DROP TABLE books_contract`,
  `ANALYZE`,
];

/** The median milliseconds of REPEATS runs of `work`, and what its first run returned. */
async function median<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let run = 0; run < REPEATS; run += 1) {
    const started = performance.now();
    const result = await work();
    times.push(performance.now() - started);
    if (run === 0) value = result;
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, value: value as T };
}

/** The export's body read to its end and dropped: its bytes counted, nothing kept. */
async function exportedBytes(db: PrismaClient, shop: string, range: typeof YEAR): Promise<number> {
  const file = await accountingExport(db, shop, { format: "journal", range });
  let bytes = 0;
  await file.body.pipeTo(
    new WritableStream({
      write(chunk) {
        bytes += chunk.byteLength;
      },
    }),
  );
  return bytes;
}

async function monthEntries(db: PrismaClient, shop: string): Promise<number> {
  let entries = 0;
  for await (const journal of contractJournalsOf(db, shop, MONTH)) entries += journal.entries.length;
  return entries;
}

/** The collector, run on demand so a measurement starts from live data only (the flag set before the first use). */
v8.setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/**
 * The peak resident set size and JavaScript heap above the starting ones (after a collection) while `work` runs,
 * sampled every few milliseconds, in MB.
 */
async function peakMemoryDelta(work: () => Promise<unknown>): Promise<{ rssBeforeMb: number; peakRssDeltaMb: number; peakHeapDeltaMb: number }> {
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const sampler = setInterval(sample, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  sample();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { rssBeforeMb: mb(before.rss), peakRssDeltaMb: mb(peakRss - before.rss), peakHeapDeltaMb: mb(peakHeap - before.heapUsed) };
}

const database = await createTestDatabase();
try {
  const db = database.prisma;
  const seeding = performance.now();
  await seedBulkPortfolio(db, SHOP_CONTRACTS * 3);
  for (const statement of BOOKS_SEED) await db.$executeRawUnsafe(statement);
  const { shop } = BULK_SHOPS[2];
  const count = async (table: string) =>
    Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "shop" = $1`, shop))[0]!.n);
  const stages = Number(
    (
      await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "Stage" s JOIN "Contract" c ON c."id" = s."contractId" WHERE c."shop" = $1`, shop)
    )[0]!.n,
  );
  console.log(
    JSON.stringify({
      seededContracts: SHOP_CONTRACTS * 3,
      shop,
      shopContracts: await count("Contract"),
      shopStages: stages,
      shopLedgerEntries: await count("LedgerEntry"),
      seedSeconds: Math.round(performance.now() - seeding) / 1000,
    }),
  );

  // First, while nothing else has grown the heap: what exporting a year adds to the process's memory (after a month's
  // export has loaded the code and opened the pool's connections). Bounded means about the same at any shop size.
  await exportedBytes(db, shop, MONTH);
  let yearBytes = 0;
  const memory = await peakMemoryDelta(async () => {
    yearBytes = await exportedBytes(db, shop, YEAR);
  });
  console.log(
    JSON.stringify({ query: "memory, generic journal CSV of a year", contracts: SHOP_CONTRACTS, csvMb: Math.round(yearBytes / 2 ** 10) / 2 ** 10, ...memory }),
  );

  const bareRead = () =>
    Promise.all([
      db.$queryRawUnsafe(`SELECT * FROM "Contract" WHERE "shop" = $1`, shop),
      db.$queryRawUnsafe(`SELECT s.* FROM "Stage" s JOIN "Contract" c ON c."id" = s."contractId" WHERE c."shop" = $1`, shop),
      db.$queryRawUnsafe(`SELECT * FROM "LedgerEntry" WHERE "shop" = $1`, shop),
    ]);
  // The journal source's own read (its page size and includes), no journal built.
  const pagedRead = async () => {
    for (let after: string | undefined, rows = 200; rows === 200;) {
      const page = await db.contract.findMany({
        where: { shop, ...(after === undefined ? {} : { id: { gt: after } }) },
        orderBy: { id: "asc" },
        take: 200,
        include: { stages: { orderBy: { position: "asc" } }, ledger: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } },
      });
      rows = page.length;
      after = page.at(-1)?.id;
    }
  };
  const baselineMs = (await median(bareRead)).ms;
  const pagedReadMs = (await median(pagedRead)).ms;
  console.log(JSON.stringify({ query: "baselines", bareSelectMs: baselineMs, pagedPrismaReadMs: pagedReadMs }));
  const withBaseline = (ms: number) => ({ ms, baselineMs, ratio: Math.round((ms / baselineMs) * 10) / 10, pagedReadMs });

  const rollForward = await median(() => deferredRevenueRollForward(db, shop, { ...YEAR, period: "month" }));
  console.log(JSON.stringify({ query: "deferred revenue roll-forward, 12 months", rows: rollForward.value.length, ...withBaseline(rollForward.ms) }));
  const month = await median(() => monthEntries(db, shop));
  console.log(JSON.stringify({ query: `journal entries of ${MONTH.from.slice(0, 7)}`, entries: month.value, ...withBaseline(month.ms) }));
  for (const [name, range] of [
    ["a month", MONTH],
    ["a year", YEAR],
  ] as const) {
    const csv = await median(() => exportedBytes(db, shop, range));
    console.log(JSON.stringify({ query: `generic journal CSV of ${name}`, csvKb: Math.round(csv.value / 1024), ...withBaseline(csv.ms) }));
  }

  // One month's roll-forward reads that month's contracts and those not yet shipped; the whole history's is the old way.
  const monthRange = { ...MONTH, period: "month" as const };
  const monthRollForward = await median(() => deferredRevenueRollForward(db, shop, monthRange));
  const wholeHistory = await median(async () => {
    const rollForward = new RollForward(MONTH.from, MONTH.to, "month");
    for await (const entry of journalEntriesThrough(db, shop, MONTH.to)) rollForward.add(entry);
    return rollForward.rows();
  });
  const same = JSON.stringify(monthRollForward.value, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  const wholeSame = JSON.stringify(wholeHistory.value, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  console.log(
    JSON.stringify({
      query: `deferred revenue roll-forward of ${MONTH.from.slice(0, 7)}`,
      contractsRead: await db.contract.count({ where: { shop, ...(await rollForwardContracts(db, shop, MONTH)) } }),
      ms: monthRollForward.ms,
      wholeHistoryMs: wholeHistory.ms,
      ratio: Math.round((monthRollForward.ms / wholeHistory.ms) * 100) / 100,
      sameRows: same === wholeSame,
    }),
  );

  // The SQL reports, each beside a plain SUM over the rows it reads (no grouping, no buckets, no filter by status).
  const asOf = YEAR.to;
  const sqlReports: { query: string; report: () => Promise<unknown>; baseline: () => Promise<unknown> }[] = [
    {
      query: "aging by customer",
      report: () => agingReport(db, shop, asOf),
      baseline: () =>
        db.$queryRawUnsafe(`SELECT SUM(s."amountMinor" - s."paidMinor") FROM "Stage" s JOIN "Contract" c ON c."id" = s."contractId" WHERE c."shop" = $1`, shop),
    },
    {
      query: "expected collections, 12 weeks",
      report: () => expectedCollections(db, shop, { today: asOf, period: "week", count: 12 }),
      baseline: () =>
        db.$queryRawUnsafe(`SELECT SUM(s."amountMinor" - s."paidMinor") FROM "Stage" s JOIN "Contract" c ON c."id" = s."contractId" WHERE c."shop" = $1`, shop),
    },
    {
      query: "collected, 12 months",
      report: () => collectedReport(db, shop, { ...YEAR, period: "month", timeZone: BULK_SHOPS[2].timeZone }),
      baseline: () =>
        db.$queryRawUnsafe(
          `SELECT SUM("amountMinor") FROM "LedgerEntry" WHERE "shop" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3`,
          shop,
          new Date(`${YEAR.from}T00:00:00Z`),
          new Date(`${addDays(YEAR.to, 1)}T00:00:00Z`),
        ),
    },
  ];
  for (const { query, report, baseline } of sqlReports) {
    const reportMs = (await median(report)).ms;
    const sumMs = (await median(baseline)).ms;
    console.log(JSON.stringify({ query, ms: reportMs, plainSumMs: sumMs, ratio: Math.round((reportMs / sumMs) * 10) / 10 }));
  }
} finally {
  await database.cleanup();
}
process.exit(0);
