import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withEmulatorClock } from "../../app/local-mode.server";
import { inTransaction } from "../../app/models/database.server";
import { listAudit, writeAudit } from "../../app/models/audit-log.server";
import { createTestDatabase } from "./test-database";

const database = await createTestDatabase();
/** The emulator's clock, 15 days ahead of the real one as after the demo's "Move to date". */
const EMULATOR_NOW = new Date(Date.now() + 15 * 86_400_000);
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

describe("the audit log in local mode", () => {
  it("is stamped on the emulator's clock, in and outside transactions, so the demo's timeline follows the moved clock", async () => {
    const db = withEmulatorClock(database.prisma, { shop: "demo.myshopify.com", emulatorOrigin });
    const shop = "demo.myshopify.com";
    await writeAudit(db, shop, { actor: "system", action: "contract.updated", contractId: "c1", details: {} });
    await inTransaction(db, (tx) => writeAudit(tx, shop, { actor: "system", action: "stage.updated", contractId: "c1", details: { position: 2 } }));
    const entries = await listAudit(database.prisma, shop, { contractId: "c1" });
    expect(entries.map((entry) => entry.createdAt.toISOString())).toEqual([EMULATOR_NOW.toISOString(), EMULATOR_NOW.toISOString()]);
  });

  it("leaves the database's own clock outside local mode", async () => {
    const before = Date.now();
    await writeAudit(database.prisma, "shopify.myshopify.com", { actor: "system", action: "contract.updated", contractId: "c2", details: {} });
    const [entry] = await listAudit(database.prisma, "shopify.myshopify.com");
    expect(entry!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(entry!.createdAt.getTime()).toBeLessThan(EMULATOR_NOW.getTime() - 86_400_000);
  });
});
