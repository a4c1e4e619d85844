import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./test-database";

const database = createTestDatabase();
afterAll(() => database.cleanup());

const plan = (name: string) => ({ shop: "a.myshopify.com", name, syntax: "preset", source: "{}", model: "{}" });

describe("one SQLite connection shared by concurrent requests", () => {
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
    const outside = prisma.$executeRaw`INSERT INTO "Plan" ("id", "shop", "name", "syntax", "source", "model", "updatedAt") VALUES ('kept-1', 'a.myshopify.com', 'kept', 'preset', '{}', '{}', CURRENT_TIMESTAMP)`.then((rows) => rows);
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
