import { Prisma } from "@prisma/client";
import { afterAll, describe, expect, it } from "vitest";

import { APP_JOB_HANDLERS } from "../../../app/jobs/handlers/index.server";
import { writeAudit } from "../../../app/models/audit-log.server";
import { webhookEventWriter } from "../../../app/webhooks/webhook-event-writer.server";
import { createTestDatabase } from "../test-database";

/**
 * The privacy webhooks and the tables issues 13 and 14 added: shop/redact leaves no row of the shop in any table
 * with a shop column, and customers/redact forgets the terms negotiated with the customer and their name in the
 * audit of those terms; customers/data_request lists those terms.
 */

const database = await createTestDatabase();
const { prisma: db } = database;
const jobs = await database.openJobQueue({ supervise: false });
afterAll(() => database.cleanup());

/** Stores a compliance webhook as the intake does and runs its job's handler, as a worker would. */
async function runWebhook(topic: string, shop: string, body: object, eventId: string): Promise<void> {
  await webhookEventWriter(jobs).record({ shop, eventId, webhookId: "w", topic, triggeredAt: null, payload: JSON.stringify(body), receivedAt: new Date() });
  const job = (await database.storedJobs()).find((candidate) => candidate.shop === shop && (candidate.payload as { eventId: string }).eventId === eventId);
  if (!job) throw new Error(`no job for event ${eventId}`);
  await APP_JOB_HANDLERS[job.kind]!(job.payload, { db, jobs, shop, jobId: job.id, attempt: 1, now: () => new Date() });
}

/** Rows of one shop in every table with a shop column, by table: read from the schema, so a new table is counted too. */
async function rowsOfEveryShopTable(shop: string): Promise<Record<string, number>> {
  const tables = Prisma.dmmf.datamodel.models.filter((model) => model.fields.some((field) => field.name === "shop"));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.$queryRaw<
      { count: number }[]
    >`SELECT COUNT(*)::int AS "count" FROM ${Prisma.raw(`"${table.dbName ?? table.name}"`)} WHERE "shop" = ${shop}`;
    counts[table.name] = row?.count ?? 0;
  }
  return counts;
}

/** A row in each table issues 13 and 14 added, beside a session and a customer's terms. */
async function seedTermsAndBooks(shop: string): Promise<void> {
  await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", accessToken: "shpat_x" } });
  await db.customerTerms.create({
    data: { shop, subjectKind: "customer", subjectId: "gid://shopify/Customer/4501", subjectName: "Ada Lovelace", netDays: 30 },
  });
  await db.customerTerms.create({ data: { shop, subjectKind: "company", subjectId: "gid://shopify/Company/9001", subjectName: "Acme Corp", netDays: 60 } });
  await db.accountMapping.create({ data: { shop, account: "revenue", code: "4000", name: "Sales" } });
  await db.shopProfile.create({ data: { shop, locale: "en-US", timeZone: "UTC", refreshedAt: new Date() } });
  const now = new Date();
  await db.shopApiBucket.create({ data: { shop, capacity: 1000, restoreRate: 50, available: 1000, inFlight: 0, settled: 0n, updatedAt: now, settledAt: now } });
}

describe("shop/redact", () => {
  it("deletes the shop's customer terms, account mapping, profile and API bucket: no table with a shop column keeps a row", async () => {
    const shop = "redact-books-1.myshopify.com";
    const other = "redact-books-2.myshopify.com";
    await seedTermsAndBooks(shop);
    await seedTermsAndBooks(other);
    const before = await rowsOfEveryShopTable(other);
    expect(before).toMatchObject({ CustomerTerms: 2, AccountMapping: 1, ShopProfile: 1, ShopApiBucket: 1 });

    await runWebhook("shop/redact", shop, { shop_id: 954889, shop_domain: shop }, "shop-redact-1");

    const left = Object.entries(await rowsOfEveryShopTable(shop)).filter(([, count]) => count > 0);
    expect(left).toEqual([]);
    expect(await rowsOfEveryShopTable(other)).toEqual(before);
  });
});

describe("customers/redact", () => {
  it("deletes the customer's terms, clears their name from those terms' audit, and keeps the company's terms", async () => {
    const shop = "redact-books-3.myshopify.com";
    await seedTermsAndBooks(shop);
    const customer = { kind: "customer", customerId: "gid://shopify/Customer/4501" };
    const company = { kind: "company", companyId: "gid://shopify/Company/9001" };
    await writeAudit(db, shop, {
      actor: "staff:1",
      action: "customerTerms.saved",
      details: { subject: customer, subjectName: "Ada Lovelace", before: null, after: {} },
    });
    await writeAudit(db, shop, {
      actor: "staff:1",
      action: "contract.creditLimitOverridden",
      details: { subject: customer, subjectName: "Ada Lovelace", refusal: "Credit limit reached: Ada Lovelace owes $8,000.00", reason: "long-standing client" },
    });
    await writeAudit(db, shop, {
      actor: "staff:1",
      action: "customerTerms.saved",
      details: { subject: company, subjectName: "Acme Corp", before: null, after: {} },
    });

    const body = { shop_id: 954889, shop_domain: shop, customer: { id: 4501, email: "ada@example.com" }, orders_to_redact: [] };
    await runWebhook("customers/redact", shop, body, "customer-redact-4501");

    expect((await db.customerTerms.findMany({ where: { shop } })).map((row) => row.subjectId)).toEqual(["gid://shopify/Company/9001"]);
    const audit = await db.auditLog.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.details).join("\n")).not.toContain("Ada Lovelace");
    const overridden = JSON.parse(audit.find((entry) => entry.action === "contract.creditLimitOverridden")!.details) as Record<string, unknown>;
    expect(overridden).toEqual({ subject: customer, subjectName: null, refusal: null, reason: "long-standing client" });
    expect(audit.map((entry) => entry.details).join("\n")).toContain("Acme Corp");
    const redacted = JSON.parse(audit.find((entry) => entry.action === "customer.redacted")!.details) as Record<string, unknown>;
    expect(redacted).toMatchObject({ customerTermsDeleted: 1, auditEntriesRedacted: 2 });
  });
});

describe("customers/data_request", () => {
  it("lists the terms negotiated with the customer among what the app holds about them", async () => {
    const shop = "redact-books-4.myshopify.com";
    await seedTermsAndBooks(shop);
    await db.customerTerms.update({
      where: { shop_subjectKind_subjectId: { shop, subjectKind: "customer", subjectId: "gid://shopify/Customer/4501" } },
      data: { depositPercent: "12.5", paymentDays: [5, 20], creditLimitMinor: 1_000_000n, creditLimitCurrency: "USD" },
    });
    const body = { shop_id: 954889, shop_domain: shop, customer: { id: 4501, email: "ada@example.com" }, orders_requested: [], data_request: { id: 77 } };
    await runWebhook("customers/data_request", shop, body, "data-request-77");

    const entry = await db.auditLog.findFirstOrThrow({ where: { shop, action: "customer.dataRequested" } });
    expect((JSON.parse(entry.details) as { customerTerms: unknown }).customerTerms).toEqual({
      defaultPlanId: null,
      depositPercent: "12.5",
      netDays: 30,
      paymentDays: [5, 20],
      creditLimitMinor: "1000000",
      creditLimitCurrency: "USD",
      updatedAt: expect.any(String),
    });
  });
});
