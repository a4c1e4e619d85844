import { afterAll, describe, expect, it } from "vitest";
import { isSerializationFailure } from "../../app/models/database.server";
import { createTestDatabase } from "./test-database";

const database = await createTestDatabase();
afterAll(() => database.cleanup());

const plan = (name: string) => ({ shop: "a.myshopify.com", name, syntax: "preset", source: "{}", model: "{}" });

describe("one client shared by concurrent requests", () => {
  it("a write outside a transaction survives another request's transaction rolling back", async () => {
    const { prisma } = database;
    let inside!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (inside = resolve));
    const failing = prisma.$transaction(async (tx) => {
      await tx.plan.create({ data: plan("rolled back") });
      inside();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("the request fails after its first write");
    });
    await transactionOpen;
    // A single raw statement, as the job queue writes; `.then` sends it now (Prisma's promises are lazy).
    const outside =
      prisma.$executeRaw`INSERT INTO "Plan" ("id", "shop", "name", "syntax", "source", "model", "updatedAt") VALUES ('kept-1', 'a.myshopify.com', 'kept', 'preset', '{}', '{}', CURRENT_TIMESTAMP)`.then(
        (rows) => rows,
      );
    await expect(failing).rejects.toThrow("the request fails after its first write");
    await outside;
    expect((await prisma.plan.findMany({ orderBy: { name: "asc" } })).map((row) => row.name)).toEqual(["kept"]);
  });

  it("a read outside a transaction does not see that transaction's uncommitted rows", async () => {
    const { prisma } = database;
    let inside!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const finish = new Promise<void>((resolve) => (release = resolve));
    const pending = prisma.$transaction(async (tx) => {
      await tx.plan.create({ data: plan("uncommitted") });
      inside();
      await finish;
      throw new Error("rolled back");
    });
    await transactionOpen;
    const read = prisma.$queryRaw<{ count: bigint }[]>`SELECT COUNT(*) AS count FROM "Plan" WHERE "name" = 'uncommitted'`.then((rows) => rows);
    release();
    await expect(pending).rejects.toThrow("rolled back");
    expect(Number((await read)[0]!.count)).toBe(0);
  });
});

describe("SERIALIZABLE transactions refused at COMMIT", () => {
  it("give their connection back to the pool, many more times than the pool has connections", async () => {
    const { prisma } = database;
    const shop = "skew.myshopify.com";
    const refusedAtCommit: unknown[] = [];
    for (let round = 0; round < 15; round += 1) {
      // Write skew: each reads what the other writes, then both write. PostgreSQL lets one commit and refuses the other.
      let bothRead!: () => void;
      const reads = { count: 0 };
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      const contender = (name: string) =>
        prisma.$transaction(
          async (tx) => {
            await tx.plan.count({ where: { shop } });
            reads.count += 1;
            if (reads.count === 2) bothRead();
            await barrier;
            await tx.plan.create({ data: { ...plan(`${name}-${round}`), shop } });
          },
          { isolationLevel: "Serializable" },
        );
      const results = await Promise.allSettled([contender("a"), contender("b")]);
      refusedAtCommit.push(...results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason));
    }
    expect(refusedAtCommit).toHaveLength(15);
    expect(refusedAtCommit.every((reason) => isSerializationFailure(reason))).toBe(true);
    // With leaked connections this waits for a free one forever (the pool holds 10).
    expect(await prisma.plan.count({ where: { shop } })).toBe(15);
  });
});
