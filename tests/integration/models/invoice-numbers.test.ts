import { afterAll, describe, expect, it } from "vitest";
import { nextInvoiceNumber } from "../../../app/models/invoice-numbers.server";
import { createTestDatabase } from "../test-database";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

describe("nextInvoiceNumber", () => {
  it("counts from TR-000001 per shop", async () => {
    expect(await nextInvoiceNumber(db, "a.myshopify.com")).toBe("TR-000001");
    expect(await nextInvoiceNumber(db, "a.myshopify.com")).toBe("TR-000002");
    expect(await nextInvoiceNumber(db, "b.myshopify.com")).toBe("TR-000001");
  });

  it("never hands out one number twice to concurrent callers", async () => {
    const shop = "concurrent.myshopify.com";
    const numbers = await Promise.all(Array.from({ length: 50 }, () => nextInvoiceNumber(db, shop)));
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, index) => `TR-${String(index + 1).padStart(6, "0")}`));
  });

  it("rolls back with the caller's transaction, so a failed invoice leaves no gap", async () => {
    const shop = "rollback.myshopify.com";
    await expect(
      db.$transaction(async (tx) => {
        expect(await nextInvoiceNumber(tx, shop)).toBe("TR-000001");
        throw new Error("the invoice could not be stored");
      }),
    ).rejects.toThrow("could not be stored");
    expect(await nextInvoiceNumber(db, shop)).toBe("TR-000001");
  });

  it("keeps a number handed out while another request's transaction is open and then rolls back", async () => {
    // A number taken outside the open transaction must not join it and vanish when it rolls back.
    const shop = "isolated.myshopify.com";
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const other = db
      .$transaction(async (tx) => {
        await tx.invoiceCounter.create({ data: { shop: "other.myshopify.com" } });
        await gate;
        throw new Error("rolled back");
      })
      .catch((error: Error) => error.message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const number = nextInvoiceNumber(db, shop);
    release();
    expect(await other).toBe("rolled back");
    expect(await number).toBe("TR-000001");
    expect(await db.invoiceCounter.findUnique({ where: { shop } })).toEqual({ shop, next: 2 });
    expect(await db.invoiceCounter.findUnique({ where: { shop: "other.myshopify.com" } })).toBeNull();
  });
});
