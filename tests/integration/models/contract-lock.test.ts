import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { claimContractLock, releaseContractLock } from "../../../app/models/contracts.server";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { seedContract } from "./contract-fixture";

const shop = "lock-test.myshopify.com";
const t0 = new Date("2027-03-01T10:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

let database: TestDatabase;
let contractId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  contractId = (await seedContract(database.prisma, shop, "gid://shopify/DraftOrder/lock-1")).id;
});

afterAll(async () => {
  await database?.cleanup();
});

describe("the contract's work lock", () => {
  it("is held by one holder at a time and renewed by its holder", async () => {
    expect(await claimContractLock(database.prisma, shop, contractId, "job-a", t0, 1_000)).toBe(true);
    expect(await claimContractLock(database.prisma, shop, contractId, "job-b", t0, 1_000)).toBe(false);
    expect(await claimContractLock(database.prisma, shop, contractId, "job-a", later(500), 1_000)).toBe(true);
    // Renewed at 500 ms for a second: still held at 1,200 ms.
    expect(await claimContractLock(database.prisma, shop, contractId, "job-b", later(1_200), 1_000)).toBe(false);
  });

  it("lapses when its holder stops renewing it (the worker died)", async () => {
    expect(await claimContractLock(database.prisma, shop, contractId, "job-b", later(1_501), 1_000)).toBe(true);
  });

  it("is free at once when its holder releases it", async () => {
    await releaseContractLock(database.prisma, shop, contractId, "job-b");
    expect(await claimContractLock(database.prisma, shop, contractId, "job-c", later(1_600), 1_000)).toBe(true);
  });

  it("cannot be taken through another shop", async () => {
    await releaseContractLock(database.prisma, shop, contractId, "job-c");
    expect(await claimContractLock(database.prisma, "other.myshopify.com", contractId, "job-d", later(70_000), 1_000)).toBe(false);
  });
});
