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

async function runningJob(id: string, leaseUntil: Date): Promise<void> {
  await database.prisma.job.create({ data: { id, shop, kind: "contract:sync", payload: "{}", status: "running", lockedBy: "worker", lockedUntil: leaseUntil } });
}

describe("the contract's work lock", () => {
  it("is held by one job at a time and renewed by its holder", async () => {
    await runningJob("job-a", later(60_000));
    expect(await claimContractLock(database.prisma, shop, contractId, "job-a", t0, 1_000)).toBe(true);
    expect(await claimContractLock(database.prisma, shop, contractId, "job-b", t0, 1_000)).toBe(false);
    expect(await claimContractLock(database.prisma, shop, contractId, "job-a", later(500), 1_000)).toBe(true);
  });

  it("stays with a slow job whose lease is alive, even past the lock's own expiry", async () => {
    expect(await claimContractLock(database.prisma, shop, contractId, "job-b", later(30_000), 1_000)).toBe(false);
  });

  it("is free once its job's lease is gone too (the worker died)", async () => {
    expect(await claimContractLock(database.prisma, shop, contractId, "job-b", later(61_000), 1_000)).toBe(true);
    await releaseContractLock(database.prisma, shop, contractId, "job-b");
    expect(await claimContractLock(database.prisma, shop, contractId, "job-c", later(61_000), 1_000)).toBe(true);
  });

  it("cannot be taken through another shop", async () => {
    await releaseContractLock(database.prisma, shop, contractId, "job-c");
    expect(await claimContractLock(database.prisma, "other.myshopify.com", contractId, "job-d", later(70_000), 1_000)).toBe(false);
  });
});
