import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "../../../app/models/audit-log.server";
import { getContract } from "../../../app/models/contracts.server";
import {
  contractBalance,
  earlyPaymentDiscountRef,
  LedgerEntryRejectedError,
  ledgerTotals,
  listLedgerEntries,
  recordLedgerEntry,
  type LedgerEntryInput,
} from "../../../app/models/ledger.server";
import { NotFoundError } from "../../../app/models/model-errors.server";
import { createTestDatabase } from "../test-database";
import { seedContract } from "./contract-fixture";

const database = await createTestDatabase();
const db = database.prisma;
afterAll(() => database.cleanup());

const occurredAt = new Date("2027-01-15T10:00:00Z");
const WRITER = fileURLToPath(new URL("./ledger-writer-process.ts", import.meta.url));

describe("recordLedgerEntry", () => {
  it("records a payment once, adds it to the stage and audits it", async () => {
    const shop = "once.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/1");
    const deposit = contract.stages[0]!;
    const input: LedgerEntryInput = {
      contractId: contract.id,
      stageId: deposit.id,
      kind: "payment",
      amountMinor: 36000n,
      currency: "EUR",
      shopifyRef: "gid://shopify/OrderTransaction/1",
      occurredAt,
      actor: "webhook:orders/paid",
    };
    const first = await recordLedgerEntry(db, shop, input);
    expect(first).toMatchObject({ created: true, contractVersion: 1, entry: { amountMinor: 36000n, kind: "payment", stageId: deposit.id } });

    const again = await recordLedgerEntry(db, shop, { ...input, actor: "job:collect" });
    expect(again).toEqual({ entry: first.entry, created: false, contractVersion: 1 });
    await expect(recordLedgerEntry(db, shop, { ...input, amountMinor: 36001n })).rejects.toThrow(LedgerEntryRejectedError);
    await expect(recordLedgerEntry(db, shop, { ...input, stageId: contract.stages[1]!.id })).rejects.toThrow(
      "reference gid://shopify/OrderTransaction/1 is already recorded for a different payment of 36000 EUR",
    );

    const stored = await getContract(db, shop, contract.id);
    expect(stored?.stages[0]?.paidMinor).toBe(36000n);
    expect(stored?.version).toBe(1);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(1);
    expect((await listAudit(db, shop, { contractId: contract.id })).filter((entry) => entry.action === "ledger.recorded")).toHaveLength(1);
  });

  it("makes one row out of many concurrent deliveries of the same reference", async () => {
    const shop = "concurrent.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/2");
    const stageId = contract.stages[0]!.id;
    const input: LedgerEntryInput = {
      contractId: contract.id,
      stageId,
      kind: "payment",
      amountMinor: 36000n,
      currency: "EUR",
      shopifyRef: "gid://shopify/OrderTransaction/2",
      occurredAt,
      actor: "webhook:order_transactions/create",
    };
    const results = await Promise.all(Array.from({ length: 25 }, () => recordLedgerEntry(db, shop, input)));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.entry.id)).size).toBe(1);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(1);
    expect((await getContract(db, shop, contract.id))?.stages[0]?.paidMinor).toBe(36000n);
  });

  it("records each reference once when other processes (a separate job worker) record the same ones", async () => {
    const shop = "processes.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/3");
    const stageId = contract.stages[0]!.id;
    const count = 30;
    const writer = () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", WRITER, database.url, shop, contract.id, stageId, String(count)]).then(
        ({ stdout }) => (JSON.parse(stdout) as { created: number }).created,
      );
    const here = async () => {
      let created = 0;
      for (let index = count - 1; index >= 0; index -= 1) {
        const input = {
          contractId: contract.id,
          stageId,
          kind: "payment",
          amountMinor: 1n,
          currency: "EUR",
          shopifyRef: `ref-${index}`,
          occurredAt,
          actor: "job:collect",
        } as const;
        if ((await recordLedgerEntry(db, shop, input)).created) created += 1;
      }
      return created;
    };
    const created = await Promise.all([writer(), writer(), here()]);
    expect(created.reduce((sum, each) => sum + each, 0)).toBe(count);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(count);
    expect((await getContract(db, shop, contract.id))?.stages[0]?.paidMinor).toBe(BigInt(count));
  });

  it("returns the existing entry inside a caller's transaction too", async () => {
    const shop = "nested.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/4");
    const input: LedgerEntryInput = {
      contractId: contract.id,
      kind: "manualPayment",
      amountMinor: 1000n,
      currency: "EUR",
      shopifyRef: "wire-1",
      occurredAt,
      actor: "staff:3",
    };
    await recordLedgerEntry(db, shop, input);
    const again = await db.$transaction((tx) => recordLedgerEntry(tx, shop, input));
    expect(again.created).toBe(false);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(1);
  });

  it("refuses entries that would make the ledger lie, storing nothing", async () => {
    const shop = "refused.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/5");
    const other = await seedContract(db, shop, "gid://shopify/DraftOrder/6");
    const base: LedgerEntryInput = {
      contractId: contract.id,
      stageId: contract.stages[0]!.id,
      kind: "payment",
      amountMinor: 100n,
      currency: "EUR",
      shopifyRef: "x",
      occurredAt,
      actor: "system",
    };
    await expect(recordLedgerEntry(db, shop, { ...base, amountMinor: 0n })).rejects.toThrow(LedgerEntryRejectedError);
    await expect(recordLedgerEntry(db, shop, { ...base, amountMinor: -5n })).rejects.toThrow(LedgerEntryRejectedError);
    await expect(recordLedgerEntry(db, shop, { ...base, currency: "USD" })).rejects.toThrow(LedgerEntryRejectedError);
    await expect(recordLedgerEntry(db, shop, { ...base, kind: "refund" })).rejects.toThrow(/more than the 0 stage .* holds/);
    await expect(recordLedgerEntry(db, shop, { ...base, stageId: other.stages[0]!.id })).rejects.toThrow(NotFoundError);
    await expect(recordLedgerEntry(db, shop, { ...base, contractId: "no-such-contract" })).rejects.toThrow(NotFoundError);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
    expect((await getContract(db, shop, contract.id))?.version).toBe(0);
    expect((await getContract(db, shop, other.id))?.stages[0]?.paidMinor).toBe(0n);
  });
});

describe("ledger sums", () => {
  it("sums per stage and contract and says when the ledger equals the order total", async () => {
    const shop = "sums.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/10");
    const [deposit, preShipping, balance] = contract.stages;
    const record = (ref: string, stageId: string, kind: LedgerEntryInput["kind"], amountMinor: bigint) =>
      recordLedgerEntry(db, shop, { contractId: contract.id, stageId, kind, amountMinor, currency: "EUR", shopifyRef: ref, occurredAt, actor: "system" });

    expect(await contractBalance(db, shop, contract.id)).toEqual({
      receivedMinor: 0n,
      refundedMinor: 0n,
      netMinor: 0n,
      discountedMinor: 0n,
      totalMinor: 120000n,
      outstandingMinor: 120000n,
      receivedOnCancelledMinor: 0n,
      settled: false,
    });
    await record("t1", deposit!.id, "payment", 36000n);
    await record("t2", preShipping!.id, "payment", 60000n);
    await record("t3", balance!.id, "manualPayment", 25000n); // paid 10.00 too much by wire
    await record("r1", balance!.id, "refund", 1000n);

    expect(await ledgerTotals(db, shop, { contractId: contract.id, stageId: balance!.id })).toEqual({
      receivedMinor: 25000n,
      refundedMinor: 1000n,
      netMinor: 24000n,
      discountedMinor: 0n,
    });
    expect(await ledgerTotals(db, shop, { contractId: contract.id })).toEqual({
      receivedMinor: 121000n,
      refundedMinor: 1000n,
      netMinor: 120000n,
      discountedMinor: 0n,
    });
    expect(await contractBalance(db, shop, contract.id)).toMatchObject({ outstandingMinor: 0n, settled: true });
    const stages = (await getContract(db, shop, contract.id))?.stages;
    expect(stages?.map((stage) => [stage.paidMinor, stage.refundedMinor])).toEqual([
      [36000n, 0n],
      [60000n, 0n],
      [25000n, 1000n],
    ]);
    expect((await listLedgerEntries(db, shop, contract.id)).map((entry) => entry.shopifyRef)).toEqual(["t1", "t2", "t3", "r1"]);
  });

  it("counts an early-payment discount as settling its stage, but never as money to refund", async () => {
    const shop = "discount.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/12");
    const preShipping = contract.stages[1]!;
    const record = (ref: string, kind: LedgerEntryInput["kind"], amountMinor: bigint) =>
      recordLedgerEntry(db, shop, {
        contractId: contract.id,
        stageId: preShipping.id,
        kind,
        amountMinor,
        currency: "EUR",
        shopifyRef: ref,
        occurredAt,
        actor: "system",
      });
    await record("t1", "payment", 58800n);
    await record(earlyPaymentDiscountRef(preShipping.id), "earlyPaymentDiscount", 1200n);

    expect(await ledgerTotals(db, shop, { contractId: contract.id, stageId: preShipping.id })).toEqual({
      receivedMinor: 58800n,
      refundedMinor: 0n,
      netMinor: 58800n,
      discountedMinor: 1200n,
    });
    expect((await getContract(db, shop, contract.id))?.stages[1]).toMatchObject({ paidMinor: 60000n, discountMinor: 1200n });
    // Granted once per stage: the same key again changes nothing.
    expect((await record(earlyPaymentDiscountRef(preShipping.id), "earlyPaymentDiscount", 1200n)).created).toBe(false);
    await expect(record("r1", "refund", 58801n)).rejects.toThrow(/more than the 58800 stage/);
    await record("r2", "refund", 58800n);
    expect((await getContract(db, shop, contract.id))?.stages[1]).toMatchObject({ paidMinor: 60000n, discountMinor: 1200n, refundedMinor: 58800n });
    expect(await db.outgoingEmail.count({ where: { shop, contractId: contract.id } })).toBe(2);
  });

  it("keeps money exact beyond what a JS number holds", async () => {
    const shop = "big.myshopify.com";
    const contract = await seedContract(db, shop, "gid://shopify/DraftOrder/11", "monthly-4");
    const huge = 2n ** 60n + 1n;
    await recordLedgerEntry(db, shop, {
      contractId: contract.id,
      kind: "payment",
      amountMinor: huge,
      currency: "EUR",
      shopifyRef: "huge",
      occurredAt,
      actor: "system",
    });
    expect((await ledgerTotals(db, shop, { contractId: contract.id })).receivedMinor).toBe(huge);
  });
});
