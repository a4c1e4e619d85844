/**
 * Benchmark (not a test, about a minute): what the contracts list costs a shop with 20,000 contracts. The bulk seed of
 * the portfolio tests (tests/integration/models/bulk-portfolio-seed.ts) puts 60,000 contracts over three shops in a
 * fresh migrated schema of the test server; one shop's list is then read: the first and the last page of every sort,
 * its count and totals under each filter, and every contract as the CSV export reads them. Each query runs REPEATS times and
 * prints one JSON line with its median milliseconds beside a baseline from the same run — the bare read the query cannot
 * beat (the same page of contract ids off the (shop, createdAt, id) index; a plain count; every contract row with no
 * stages) — and their ratio; the slowest page's plan follows.
 *   npm run bench:contract-list
 */
import { portfolioPeriod } from "../app/domain/contract/portfolio";
import { listContractRows, type ContractOrder, type ContractRowsQuery } from "../app/models/contract-list.server";
import { CONTRACT_PAGE_SIZE, summarizeContracts } from "../app/models/contracts.server";
import { BULK_NOW, BULK_SHOPS, seedBulkPortfolio } from "../tests/integration/models/bulk-portfolio-seed";
import { createTestDatabase } from "../tests/integration/test-database";

const CONTRACTS = 60_000;
const REPEATS = 5;
const ORDERS: readonly ContractOrder[] = [
  { by: "created", direction: "desc" },
  { by: "created", direction: "asc" },
  { by: "nextDue", direction: "asc" },
  { by: "nextDue", direction: "desc" },
  { by: "total", direction: "desc" },
  { by: "customer", direction: "asc" },
];

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < REPEATS; run += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

const database = await createTestDatabase();
try {
  const db = database.prisma;
  const seeding = performance.now();
  await seedBulkPortfolio(db, CONTRACTS);
  const { shop, timeZone } = BULK_SHOPS[2];
  const { today, weekEnd } = portfolioPeriod(BULK_NOW, timeZone);
  const contracts = await db.contract.count({ where: { shop } });
  console.log(JSON.stringify({ seededContracts: CONTRACTS, shop, shopContracts: contracts, seedSeconds: Math.round(performance.now() - seeding) / 1000 }));

  const lastOffset = Math.floor((contracts - 1) / CONTRACT_PAGE_SIZE) * CONTRACT_PAGE_SIZE;
  const barePage = (offset: number) =>
    db.$queryRawUnsafe(`SELECT "id" FROM "Contract" WHERE "shop" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT ${CONTRACT_PAGE_SIZE} OFFSET ${offset}`, shop);
  const withBaseline = (ms: number, baselineMs: number) => ({ ms, baselineMs, ratio: Math.round((ms / baselineMs) * 10) / 10 });
  for (const order of ORDERS) {
    for (const offset of [0, lastOffset]) {
      const query: ContractRowsQuery = { filter: {}, order, today, page: { limit: CONTRACT_PAGE_SIZE, offset } };
      const rows = await listContractRows(db, shop, query);
      console.log(
        JSON.stringify({
          query: `page at ${offset}`,
          order: `${order.by} ${order.direction}`,
          rows: rows.length,
          ...withBaseline(await median(() => listContractRows(db, shop, query)), await median(() => barePage(offset))),
        }),
      );
    }
  }
  const filters = {
    all: {},
    overdue: { overdueOn: today },
    dueThisWeek: { dueBetween: { from: today, to: weekEnd } },
    needsAttention: { needsAttention: true },
  };
  for (const [name, filter] of Object.entries(filters)) {
    const summary = await summarizeContracts(db, shop, filter);
    const page: ContractRowsQuery = { filter, order: { by: "nextDue", direction: "asc" }, today, page: { limit: CONTRACT_PAGE_SIZE, offset: 0 } };
    console.log(
      JSON.stringify({
        query: `count and totals, ${name}`,
        matching: summary.count,
        summary: withBaseline(await median(() => summarizeContracts(db, shop, filter)), await median(() => db.contract.count({ where: { shop } }))),
        firstPageByNextDue: withBaseline(await median(() => listContractRows(db, shop, page)), await median(() => barePage(0))),
      }),
    );
  }
  const everyRow: ContractRowsQuery = { filter: {}, order: { by: "created", direction: "desc" }, today };
  console.log(
    JSON.stringify({
      query: "every contract (CSV export)",
      rows: (await listContractRows(db, shop, everyRow)).length,
      ...withBaseline(
        await median(() => listContractRows(db, shop, everyRow)),
        await median(() => db.$queryRawUnsafe(`SELECT * FROM "Contract" WHERE "shop" = $1`, shop)),
      ),
    }),
  );
  const owed = `s."status" IN ('scheduled', 'invoiced', 'overdue', 'failed') AND s."amountMinor" > s."paidMinor"`;
  const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN ANALYZE SELECT c."id" FROM "Contract" c
     LEFT JOIN "Stage" s ON s."contractId" = c."id" AND ${owed}
     WHERE c."shop" = $1
     GROUP BY c."id"
     ORDER BY MIN(s."dueDate") ASC NULLS LAST, c."createdAt" DESC, c."id" DESC
     LIMIT ${CONTRACT_PAGE_SIZE} OFFSET ${lastOffset}`,
    shop,
  );
  console.log(plan.map((line) => line["QUERY PLAN"]).join("\n"));
} finally {
  await database.cleanup();
}
process.exit(0);
