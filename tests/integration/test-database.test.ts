import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./test-database";

const database = await createTestDatabase();
afterAll(() => database.cleanup());

describe("the test database", () => {
  it("has every table of the schema and enforces the ledger's exactly-once key", async () => {
    const { prisma } = database;
    const plan = await prisma.plan.create({ data: { shop: "a.myshopify.com", name: "4 monthly", syntax: "preset", source: "{}", model: "{}" } });
    const contract = await prisma.contract.create({
      data: {
        shop: "a.myshopify.com",
        planId: plan.id,
        sourceDraftOrderId: "gid://shopify/DraftOrder/1",
        currency: "EUR",
        totalMinor: 120000n,
        mode: "stageOrder",
        status: "pending",
        orderSnapshot: "{}",
      },
    });
    const entry = {
      shop: "a.myshopify.com",
      contractId: contract.id,
      kind: "payment",
      amountMinor: 30000n,
      currency: "EUR",
      shopifyRef: "gid://shopify/OrderTransaction/9",
      occurredAt: new Date(),
    };
    await prisma.ledgerEntry.create({ data: entry });
    await expect(prisma.ledgerEntry.create({ data: entry })).rejects.toThrow(/Unique constraint/);
    expect(await prisma.ledgerEntry.count()).toBe(1);
    expect((await prisma.contract.findUniqueOrThrow({ where: { id: contract.id } })).totalMinor).toBe(120000n);
  });
});
