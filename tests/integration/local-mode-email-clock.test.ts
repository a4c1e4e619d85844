import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withEmulatorClock } from "../../app/local-mode.server";
import { inTransaction } from "../../app/models/database.server";
import { queueBuyerEmail } from "../../app/models/outgoing-emails.server";
import { seedContract } from "./models/contract-fixture";
import { createTestDatabase } from "./test-database";

const database = await createTestDatabase();
/** The emulator's clock, 15 days ahead of the real one as after the demo's "Move to date". */
const EMULATOR_NOW = new Date(Date.now() + 15 * 86_400_000);
const SHOP = "demo-emails.myshopify.com";
let clockServer: Server;
let emulatorOrigin = "";

beforeAll(async () => {
  clockServer = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(request.url === "/_emulator/clock" ? JSON.stringify({ now: EMULATOR_NOW.toISOString() }) : "{}");
  });
  await new Promise<void>((resolve) => clockServer.listen(0, "127.0.0.1", resolve));
  emulatorOrigin = `http://127.0.0.1:${(clockServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => clockServer.close(resolve));
  await database.cleanup();
});

const queuedAt = async (dedupeKey: string) => {
  const row = await database.prisma.outgoingEmail.findFirstOrThrow({ where: { shop: SHOP, dedupeKey } });
  return { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
};

describe("buyer emails queued in local mode", () => {
  it("are stamped on the emulator's clock, in and outside transactions, so the contract page's “Queued …” follows the moved clock", async () => {
    const db = withEmulatorClock(database.prisma, { shop: SHOP, emulatorOrigin });
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/501");
    await queueBuyerEmail(db, SHOP, { contractId: contract.id, email: { kind: "stageInvoice", stagePosition: 1 }, dedupeKey: "invoice:1" });
    await inTransaction(db, (tx) =>
      queueBuyerEmail(tx, SHOP, { contractId: contract.id, email: { kind: "overdue", stagePosition: 2 }, dedupeKey: "overdue:2" }),
    );
    const emulator = EMULATOR_NOW.toISOString();
    await expect(queuedAt("invoice:1")).resolves.toEqual({ createdAt: emulator, updatedAt: emulator });
    await expect(queuedAt("overdue:2")).resolves.toEqual({ createdAt: emulator, updatedAt: emulator });
  });

  it("keep the database's own clock outside local mode", async () => {
    const before = Date.now();
    const contract = await seedContract(database.prisma, SHOP, "gid://shopify/DraftOrder/502");
    await queueBuyerEmail(database.prisma, SHOP, { contractId: contract.id, email: { kind: "stageInvoice", stagePosition: 1 }, dedupeKey: "invoice:real" });
    const { createdAt } = await queuedAt("invoice:real");
    expect(new Date(createdAt).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(new Date(createdAt).getTime()).toBeLessThan(EMULATOR_NOW.getTime() - 86_400_000);
  });
});
