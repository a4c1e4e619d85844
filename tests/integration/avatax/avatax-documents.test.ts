import { createHash } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { AVATAX_QUEUE } from "../../../app/jobs/queues";
import { avaTaxSyncJob } from "../../../app/jobs/handlers/avatax-sync-job.server";
import { JobHandlerRegistry } from "../../../app/lib/jobs/job-handlers.server";
import { listAudit } from "../../../app/models/audit-log.server";
import { listAvaTaxDocuments, recordAvaTaxDocument } from "../../../app/models/avatax-documents.server";
import { saveAvaTaxSettings, type AvaTaxSettingsInput } from "../../../app/models/avatax-settings.server";
import { cancelContractRecord, createContract, getContract, type StoredContract } from "../../../app/models/contracts.server";
import { assignStageInvoiceNumber } from "../../../app/models/invoice-numbers.server";
import { earlyPaymentDiscountRef, recordLedgerEntries, type LedgerEntryInput } from "../../../app/models/ledger.server";
import { taxSharesToColumn } from "../../../app/models/contract-columns.server";
import { createPlan } from "../../../app/models/plans.server";
import { parseCalendarDate } from "../../../app/domain/dates/calendar-date";
import { currencyFor } from "../../../app/domain/money/currency";
import type { OrderInput } from "../../../app/domain/schedule/order-input";
import { accountBalancesAt } from "../../../app/services/books/journal-source.server";
import { AvaTaxClient } from "../../../app/services/avatax/avatax-client.server";
import { refundDocumentCode, returnInvoiceModel } from "../../../app/services/avatax/avatax-documents";
import { requestAvaTaxSync } from "../../../app/services/avatax/avatax-sync-requests.server";
import { AvaTaxSyncError, syncAvaTaxDocuments } from "../../../app/services/avatax/avatax-sync.server";
import { startAvaTaxServer } from "../../../emulator/avatax/avatax-server";
import { scheduledOrder, seedContract } from "../models/contract-fixture";
import { createTestDatabase, TEST_RETRY } from "../test-database";

const ACCOUNT_ID = "1100000001";
const LICENSE_KEY = "A1B2C3D4E5F6A7B8";

const database = await createTestDatabase();
const db = database.prisma;
const avatax = await startAvaTaxServer({ accountId: ACCOUNT_ID, licenseKey: LICENSE_KEY });
afterAll(async () => {
  await avatax.close();
  await database.cleanup();
});

const deps = { db, now: () => new Date("2027-01-20T12:00:00Z") };
let shops = 0;
let shop = "";

function settings(overrides: Partial<AvaTaxSettingsInput> = {}): AvaTaxSettingsInput {
  return {
    enabled: true,
    environment: avatax.url,
    accountId: ACCOUNT_ID,
    licenseKey: LICENSE_KEY,
    companyCode: `COMPANY${shops}`,
    taxMode: "override",
    commitOnInvoice: true,
    origin: { line1: "1 Main St", city: "Seattle", region: "WA", postalCode: "98101", country: "US" },
    ...overrides,
  };
}

/** A 30/50/20 contract of 1200.00 EUR with 191.60 VAT, every stage invoiced (numbered). */
async function invoicedContract(positions = [1, 2, 3]): Promise<StoredContract> {
  const contract = await seedContract(db, shop, `gid://shopify/DraftOrder/${shops}${Math.floor(Math.random() * 1e6)}`);
  for (const stage of contract.stages.filter((candidate) => positions.includes(candidate.position))) {
    await assignStageInvoiceNumber(db, shop, contract.id, stage.id);
  }
  return (await getContract(db, shop, contract.id))!;
}

/** The same order with stage 1 invoiced, shipping to `shipTo` (nowhere: nothing ships). */
async function contractShippingTo(shipTo: OrderInput["shipTo"]): Promise<StoredContract> {
  const plan = await createPlan(db, shop, { name: `Plan ${Math.random()}`, config: { preset: "deposit-30-50-20-net30" }, actor: "system" });
  const contract = await createContract(db, shop, {
    planId: plan.id,
    draftOrderId: `gid://shopify/DraftOrder/${Math.floor(Math.random() * 1e9)}`,
    mode: "stageOrder",
    actor: "system",
    ...scheduledOrder("deposit-30-50-20-net30", { shipTo }),
  });
  await assignStageInvoiceNumber(db, shop, contract.id, contract.stages[0]!.id);
  return (await getContract(db, shop, contract.id))!;
}

/** The shop's tax payable in the journal (a credit balance, so negative while tax is owed), at the end of 2027. */
async function journalTaxPayable(): Promise<bigint> {
  const balances = await accountBalancesAt(db, shop, parseCalendarDate("2027-12-31", "at"));
  return balances.filter((balance) => balance.account === "taxPayable").reduce((total, balance) => total + balance.balanceMinor, 0n);
}

const documentsOf = (contract: StoredContract) => avatax.documents().filter((document) => document.code.startsWith(`tranche-${contract.id}-`));
const sumDecimal = (values: readonly string[]) => values.reduce((total, value) => total + Math.round(Number(value) * 100), 0);

beforeEach(async () => {
  shops += 1;
  shop = `avatax-${shops}.myshopify.com`;
  await saveAvaTaxSettings(db, shop, settings(), "system");
});

describe("AvaTax documents per stage, through the avatax SDK against the local AvaTax server", () => {
  it("commits one SalesInvoice per invoiced stage whose taxes sum to the order's tax exactly, once", async () => {
    const contract = await invoicedContract();
    const result = await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    expect(result.changed).toEqual([1, 2, 3].map((position) => `tranche-${contract.id}-${position}`));

    const documents = documentsOf(contract);
    expect(documents.map((document) => [document.type, document.status, document.totalAmount, document.totalTax])).toEqual([
      ["SalesInvoice", "Committed", "302.52", "57.48"],
      ["SalesInvoice", "Committed", "504.20", "95.80"],
      ["SalesInvoice", "Committed", "201.68", "38.32"],
    ]);
    expect(sumDecimal(documents.map((document) => document.totalTax))).toBe(19_160);
    expect(contract.orderSnapshot.taxLines.reduce((total, line) => total + line.amount, 0n)).toBe(19_160n);

    const stored = await listAvaTaxDocuments(db, shop, contract.id);
    expect(stored.map((document) => [document.stagePosition, document.status, document.taxMinor, document.splitTaxMinor])).toEqual([
      [1, "committed", 5_748n, 5_748n],
      [2, "committed", 9_580n, 9_580n],
      [3, "committed", 3_832n, 3_832n],
    ]);

    // Run again: nothing to do. Lose our records (a crash after Avalara answered): the run finds Avalara's documents.
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
    await db.avaTaxDocument.deleteMany({ where: { shop } });
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
    expect(documentsOf(contract)).toHaveLength(3);
    expect((await listAvaTaxDocuments(db, shop, contract.id)).map((document) => document.status)).toEqual(["committed", "committed", "committed"]);
  });

  it("adjusts the committed documents of stages a schedule revision changed, keeping the order's tax exact", async () => {
    const contract = await invoicedContract();
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    // A revision moves 10.00 (1.60 of it tax) from stage 3 to stage 2.
    const revise = (position: number, amountMinor: bigint, tax: bigint) =>
      db.stage.update({
        where: { contractId_position: { contractId: contract.id, position } },
        data: { amountMinor, taxShares: taxSharesToColumn([{ title: "VAT 19%", amount: tax }]) },
      });
    await revise(2, 61_000n, 9_740n);
    await revise(3, 23_000n, 3_672n);

    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([`tranche-${contract.id}-2`, `tranche-${contract.id}-3`]);
    const documents = documentsOf(contract);
    expect(documents.map((document) => [document.status, document.adjustments, document.totalAmount, document.totalTax])).toEqual([
      ["Committed", 0, "302.52", "57.48"],
      ["Committed", 1, "512.60", "97.40"],
      ["Committed", 1, "193.28", "36.72"],
    ]);
    expect(sumDecimal(documents.map((document) => document.totalTax))).toBe(19_160);
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
  });

  it("documents only the stages invoiced so far", async () => {
    const contract = await invoicedContract([1]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    expect(documentsOf(contract).map((document) => document.code)).toEqual([`tranche-${contract.id}-1`]);
  });

  it("lets AvaTax compute the tax in compute mode, recording it beside our split", async () => {
    await saveAvaTaxSettings(db, shop, settings({ taxMode: "compute", licenseKey: null }), "system");
    const contract = await invoicedContract([1]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    // The local server's rate for WA is 10.1% of the net 302.52.
    expect(documentsOf(contract)[0]!.totalTax).toBe("30.55");
    const [document] = await listAvaTaxDocuments(db, shop, contract.id);
    expect([document!.taxMinor, document!.splitTaxMinor]).toEqual([3_055n, 5_748n]);
  });

  it("computes at each buyer's destination in compute mode, shipping from the origin, and at the origin when nothing ships", async () => {
    await saveAvaTaxSettings(db, shop, settings({ taxMode: "compute", licenseKey: null }), "system");
    const toNewYork = await contractShippingTo({ line1: "350 5th Ave", city: "New York", region: "NY", postalCode: "10118", country: "US" });
    const toCalifornia = await contractShippingTo({ line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" });
    const digital = await contractShippingTo(null);
    expect(toNewYork.orderSnapshot.shipTo).toEqual({ line1: "350 5th Ave", city: "New York", region: "NY", postalCode: "10118", country: "US" });
    expect(digital.orderSnapshot.shipTo).toBeUndefined();
    for (const contract of [toNewYork, toCalifornia, digital]) await syncAvaTaxDocuments(deps, shop, contract.id, "system");

    // The same net 302.52: NY 8.875% → 26.85, CA 7.25% → 21.93, and the origin's WA 10.1% → 30.55.
    expect([toNewYork, toCalifornia, digital].map((contract) => [documentsOf(contract)[0]!.taxRegion, documentsOf(contract)[0]!.totalTax])).toEqual([
      ["NY", "26.85"],
      ["CA", "21.93"],
      ["WA", "30.55"],
    ]);
    const recorded = await listAvaTaxDocuments(db, shop, toCalifornia.id);
    expect([recorded[0]!.taxMinor, recorded[0]!.splitTaxMinor]).toEqual([2_193n, 5_748n]);
  });

  it("sends the destination in override mode too, with the tax still our exact split", async () => {
    const toNewYork = await contractShippingTo({ region: "NY", postalCode: "10118", country: "us" });
    await syncAvaTaxDocuments(deps, shop, toNewYork.id, "system");
    expect(documentsOf(toNewYork).map((document) => [document.taxRegion, document.totalTax, document.totalTaxCalculated])).toEqual([["NY", "57.48", "26.85"]]);
  });

  it("returns a refund's share of the stage's tax as a ReturnInvoice, and the whole tax when the stage is refunded in parts", async () => {
    const contract = await invoicedContract();
    const deposit = contract.stages[0]!;
    const at = new Date("2027-01-16T10:00:00Z");
    await recordLedgerEntries(db, shop, [
      {
        contractId: contract.id,
        stageId: deposit.id,
        kind: "payment",
        amountMinor: 36_000n,
        currency: "EUR",
        shopifyRef: `pay-${contract.id}`,
        occurredAt: at,
        actor: "system",
      },
      {
        contractId: contract.id,
        stageId: deposit.id,
        kind: "refund",
        amountMinor: 10_000n,
        currency: "EUR",
        shopifyRef: `refund-a-${contract.id}`,
        occurredAt: new Date("2027-01-18T10:00:00Z"),
        actor: "system",
      },
    ]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    const returns = () => documentsOf(contract).filter((document) => document.type === "ReturnInvoice");
    // 100.00 of the 360.00 deposit (57.48 tax) carries 15.97 of tax (15.966… rounded half-up).
    expect(returns().map((document) => [document.status, document.referenceCode, document.totalAmount, document.totalTax])).toEqual([
      ["Committed", `tranche-${contract.id}-1`, "-84.03", "-15.97"],
    ]);

    await recordLedgerEntries(db, shop, [
      {
        contractId: contract.id,
        stageId: deposit.id,
        kind: "refund",
        amountMinor: 26_000n,
        currency: "EUR",
        shopifyRef: `refund-b-${contract.id}`,
        occurredAt: new Date("2027-01-19T10:00:00Z"),
        actor: "system",
      },
    ]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    expect(returns().map((document) => document.totalTax)).toEqual(["-15.97", "-41.51"]);
    expect(sumDecimal(returns().map((document) => document.totalTax))).toBe(-5_748);
    const stored = (await listAvaTaxDocuments(db, shop, contract.id)).filter((document) => document.type === "ReturnInvoice");
    expect(stored.map((document) => [document.status, document.taxMinor, document.splitTaxMinor])).toEqual([
      ["committed", -1_597n, -1_597n],
      ["committed", -4_151n, -4_151n],
    ]);
  });

  it("voids the documents of stages a cancellation leaves unpaid, and keeps the paid stage's", async () => {
    const contract = await invoicedContract([1, 2]);
    await recordLedgerEntries(db, shop, [
      {
        contractId: contract.id,
        stageId: contract.stages[0]!.id,
        kind: "payment",
        amountMinor: 36_000n,
        currency: "EUR",
        shopifyRef: `pay-${contract.id}`,
        occurredAt: new Date("2027-01-16T10:00:00Z"),
        actor: "system",
      },
    ]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    const current = (await getContract(db, shop, contract.id))!;
    await cancelContractRecord(db, shop, {
      contractId: contract.id,
      version: current.version,
      reason: "buyer withdrew",
      at: new Date("2027-01-19T10:00:00Z"),
      actor: "system",
    });

    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([`tranche-${contract.id}-2`]);
    expect(documentsOf(contract).map((document) => [document.code, document.status, document.voidReason])).toEqual([
      [`tranche-${contract.id}-1`, "Committed", null],
      [`tranche-${contract.id}-2`, "Cancelled", "DocVoided"],
    ]);
    expect((await listAvaTaxDocuments(db, shop, contract.id)).map((document) => document.status)).toEqual(["committed", "voided"]);
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
  });

  it("adjusts a cancelled stage paid in part to the part paid, as the journal keeps it, and returns refunds of it from there", async () => {
    const contract = await invoicedContract([1, 2]);
    const [deposit, second] = contract.stages;
    const payment = (stageId: string, amountMinor: bigint, ref: string, kind: "manualPayment" | "refund" = "manualPayment", day = "16") => ({
      contractId: contract.id,
      stageId,
      kind,
      amountMinor,
      currency: "EUR",
      shopifyRef: `${ref}-${contract.id}`,
      occurredAt: new Date(`2027-01-${day}T10:00:00Z`),
      actor: "system" as const,
    });
    // The deposit is paid; 200.00 of the second stage's 600.00 (95.80 VAT) is paid, then the contract is cancelled.
    await recordLedgerEntries(db, shop, [payment(deposit!.id, 36_000n, "pay-1"), payment(second!.id, 20_000n, "pay-2")]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    const current = (await getContract(db, shop, contract.id))!;
    await cancelContractRecord(db, shop, {
      contractId: contract.id,
      version: current.version,
      reason: "buyer withdrew",
      at: new Date("2027-01-19T10:00:00Z"),
      cancellation: { settlement: "close" },
      actor: "system",
    });

    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([`tranche-${contract.id}-2`]);
    // 200.00 of 600.00 keeps 31.93 of the 95.80 (31.933… rounded half-up); the deposit's document is untouched.
    expect(documentsOf(contract).map((document) => [document.status, document.adjustments, document.totalAmount, document.totalTax])).toEqual([
      ["Committed", 0, "302.52", "57.48"],
      ["Committed", 1, "168.07", "31.93"],
    ]);
    const stored = await listAvaTaxDocuments(db, shop, contract.id);
    expect(stored.map((document) => [document.status, document.netMinor, document.splitTaxMinor, document.taxMinor])).toEqual([
      ["committed", 30_252n, 5_748n, 5_748n],
      ["committed", 16_807n, 3_193n, 3_193n],
    ]);
    expect(await journalTaxPayable()).toBe(-(5_748n + 3_193n));
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);

    // 100.00 of the kept money goes back: its share of the stage's tax is returned, and Avalara still agrees with the journal.
    await recordLedgerEntries(db, shop, [payment(second!.id, 10_000n, "refund-2", "refund", "20")]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    const atAvalara = documentsOf(contract).filter((document) => document.status === "Committed");
    expect(atAvalara.map((document) => [document.type, document.totalTax])).toEqual([
      ["SalesInvoice", "57.48"],
      ["SalesInvoice", "31.93"],
      ["ReturnInvoice", "-15.97"],
    ]);
    expect(BigInt(sumDecimal(atAvalara.map((document) => document.totalTax)))).toBe(-(await journalTaxPayable()));
  });

  it("returns an early-payment discount's tax as a ReturnInvoice of its day, so that Avalara keeps exactly the journal's tax", async () => {
    const contract = await invoicedContract([1, 2]);
    const [deposit, second] = contract.stages;
    const entry = (stageId: string, kind: LedgerEntryInput["kind"], amountMinor: bigint, ref: string, at: string): LedgerEntryInput => ({
      contractId: contract.id,
      stageId,
      kind,
      amountMinor,
      currency: "EUR",
      shopifyRef: `${ref}-${contract.id}`,
      occurredAt: new Date(at),
      actor: "system",
    });
    // The buyer pays the 360.00 deposit (57.48 VAT) less 2% by the offer's last day: the 7.20 discount settles it, granted
    // with that payment, as the collection planner records it. The second stage is paid in full.
    await recordLedgerEntries(db, shop, [
      entry(deposit!.id, "payment", 35_280n, "pay-1", "2027-01-16T10:00:00Z"),
      { ...entry(deposit!.id, "earlyPaymentDiscount", 720n, "", "2027-01-16T10:00:00Z"), shopifyRef: earlyPaymentDiscountRef(deposit!.id) },
      entry(second!.id, "payment", 60_000n, "pay-2", "2027-01-17T10:00:00Z"),
    ]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");

    // 352.80 of 360.00 carries 56.33 of the VAT (56.3304 rounded half-up): the discount above it carries the other 1.15.
    const discounts = () => documentsOf(contract).filter((document) => /-1-d\w{10}$/.test(document.code));
    expect(
      discounts().map((document) => [document.type, document.status, document.date, document.referenceCode, document.totalAmount, document.totalTax]),
    ).toEqual([["ReturnInvoice", "Committed", "2027-01-16", `tranche-${contract.id}-1`, "-6.05", "-1.15"]]);
    const committedTax = () =>
      BigInt(
        sumDecimal(
          documentsOf(contract)
            .filter((document) => document.status === "Committed")
            .map((document) => document.totalTax),
        ),
      );
    expect(committedTax()).toBe(5_748n + 9_580n - 115n);
    expect(committedTax()).toBe(-(await journalTaxPayable()));
    const stored = (await listAvaTaxDocuments(db, shop, contract.id)).filter((document) => document.type === "ReturnInvoice");
    expect(stored.map((document) => [document.stagePosition, document.status, document.netMinor, document.splitTaxMinor, document.taxMinor])).toEqual([
      [1, "committed", -605n, -115n, -115n],
    ]);

    // Run again: nothing to do. Lose our records: the run finds Avalara's document rather than making a second.
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
    await db.avaTaxDocument.deleteMany({ where: { shop } });
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
    expect(discounts()).toHaveLength(1);

    // The contract is cancelled: the deposit, settled by money and discount, keeps its document whole. Then all the
    // deposit's money goes back: its tax comes back too, and the deposit owes no tax at all.
    const current = (await getContract(db, shop, contract.id))!;
    await cancelContractRecord(db, shop, {
      contractId: contract.id,
      version: current.version,
      reason: "buyer withdrew",
      at: new Date("2027-01-18T10:00:00Z"),
      cancellation: { settlement: "close" },
      actor: "system",
    });
    await recordLedgerEntries(db, shop, [entry(deposit!.id, "refund", 35_280n, "refund-1", "2027-01-19T10:00:00Z")]);
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    expect(documentsOf(contract).map((document) => [document.type, document.status, document.totalTax])).toEqual([
      ["SalesInvoice", "Committed", "57.48"],
      ["SalesInvoice", "Committed", "95.80"],
      ["ReturnInvoice", "Committed", "-1.15"],
      ["ReturnInvoice", "Committed", "-56.33"],
    ]);
    expect(committedTax()).toBe(9_580n);
    expect(committedTax()).toBe(-(await journalTaxPayable()));
  });

  it("keeps the money of a cancelled stage settled in part by money and a discount: the part settled, less the discount's return", async () => {
    const contract = await invoicedContract([1, 2]);
    const second = contract.stages[1]!;
    const entry = (kind: LedgerEntryInput["kind"], amountMinor: bigint, ref: string, day: string): LedgerEntryInput => ({
      contractId: contract.id,
      stageId: second.id,
      kind,
      amountMinor,
      currency: "EUR",
      shopifyRef: `${ref}-${contract.id}`,
      occurredAt: new Date(`2027-01-${day}T10:00:00Z`),
      actor: "system",
    });
    // 200.00 of the 600.00 (95.80 VAT) paid, a 50.00 discount recorded on it, then the contract is cancelled.
    await recordLedgerEntries(db, shop, [entry("manualPayment", 20_000n, "pay-2", "16"), entry("earlyPaymentDiscount", 5_000n, "discount-2", "17")]);
    const current = (await getContract(db, shop, contract.id))!;
    await cancelContractRecord(db, shop, {
      contractId: contract.id,
      version: current.version,
      reason: "buyer withdrew",
      at: new Date("2027-01-19T10:00:00Z"),
      cancellation: { settlement: "close" },
      actor: "system",
    });
    await syncAvaTaxDocuments(deps, shop, contract.id, "system");

    // The sale is cut to the 250.00 settled (39.92 VAT), and the discount's return takes off 50.00 with 7.99: the
    // documents together keep the 200.00 of money, and exactly the journal's tax.
    const ofSecond = documentsOf(contract).filter((document) => document.code.startsWith(`tranche-${contract.id}-2`));
    expect(ofSecond.map((document) => [document.type, document.status, document.totalAmount, document.totalTax])).toEqual([
      ["SalesInvoice", "Committed", "210.08", "39.92"],
      ["ReturnInvoice", "Committed", "-42.01", "-7.99"],
    ]);
    expect(sumDecimal(ofSecond.flatMap((document) => [document.totalAmount, document.totalTax]))).toBe(20_000);
    const committed = documentsOf(contract).filter((document) => document.status === "Committed");
    expect(BigInt(sumDecimal(committed.map((document) => document.totalTax)))).toBe(-(await journalTaxPayable()));
  });

  it("returns no tax for a refund that gives back an overpayment, and voids a return document such a refund was given", async () => {
    const contract = await invoicedContract([1]);
    const deposit = contract.stages[0]!;
    const entry = (kind: LedgerEntryInput["kind"], amountMinor: bigint, ref: string, day: string): LedgerEntryInput => ({
      contractId: contract.id,
      stageId: deposit.id,
      kind,
      amountMinor,
      currency: "EUR",
      shopifyRef: `${ref}-${contract.id}`,
      occurredAt: new Date(`2027-01-${day}T10:00:00Z`),
      actor: "system",
    });
    // The 360.00 deposit is paid, then 100.00 more by mistake, and that 100.00 is given back.
    const [, , recorded] = await recordLedgerEntries(db, shop, [
      entry("payment", 36_000n, "pay-1", "16"),
      entry("manualPayment", 10_000n, "pay-again", "17"),
      entry("refund", 10_000n, "refund-1", "18"),
    ]);
    // As an earlier run returned it: a share of the deposit's tax, at Avalara and recorded.
    const code = refundDocumentCode(contract.id, 1, createHash("sha256").update(recorded!.entry.id).digest("hex"));
    const stale = returnInvoiceModel(
      {
        code,
        companyCode: settings().companyCode,
        customerCode: "shopify-1",
        currency: currencyFor("EUR"),
        date: "2027-01-18",
        description: "Deposit",
        net: 8_403n,
        tax: 1_597n,
        taxMode: "override",
        commit: true,
        origin: settings().origin,
        shipTo: null,
        invoiceNumber: null,
      },
      `tranche-${contract.id}-1`,
    );
    await new AvaTaxClient({ ...settings(), licenseKey: LICENSE_KEY }).createTransaction(stale);
    const staleRecord = { contractId: contract.id, stagePosition: 1, code, type: "ReturnInvoice" as const, splitTaxMinor: -1_597n, netMinor: -8_403n };
    await recordAvaTaxDocument(
      db,
      shop,
      { ...staleRecord, status: "committed", taxMinor: -1_597n, currency: "EUR", ledgerEntryId: recorded!.entry.id, lastError: null },
      "system",
    );

    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([`tranche-${contract.id}-1`, code]);
    expect(documentsOf(contract).map((document) => [document.type, document.status, document.totalTax])).toEqual([
      ["ReturnInvoice", "Cancelled", "-15.97"],
      ["SalesInvoice", "Committed", "57.48"],
    ]);
    expect(await journalTaxPayable()).toBe(-5_748n);
    const stored = await listAvaTaxDocuments(db, shop, contract.id);
    expect(stored.map((document) => [document.type, document.status, document.ledgerEntryId])).toEqual([
      ["ReturnInvoice", "voided", recorded!.entry.id],
      ["SalesInvoice", "committed", null],
    ]);
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
  });

  it("keeps a document pending with Avalara's reason through an outage, and commits it on the next run", async () => {
    const contract = await invoicedContract([1]);
    avatax.failNext(1);
    await expect(syncAvaTaxDocuments(deps, shop, contract.id, "system")).rejects.toThrow(AvaTaxSyncError);
    const [pending] = await listAvaTaxDocuments(db, shop, contract.id);
    expect(pending).toMatchObject({ status: "pending", lastError: expect.stringContaining("The AvaTax service is unavailable") });

    await syncAvaTaxDocuments(deps, shop, contract.id, "system");
    expect((await listAvaTaxDocuments(db, shop, contract.id))[0]).toMatchObject({ status: "committed", lastError: null, taxMinor: 5_748n });
    expect(documentsOf(contract)).toHaveLength(1);
  });

  it("says plainly that the credentials were refused, never showing the license key, and the job retries", async () => {
    const wrongKey = "WRONGKEY99887766";
    await saveAvaTaxSettings(db, shop, settings({ licenseKey: wrongKey }), "staff:1");
    const contract = await invoicedContract([1]);

    const error = (await syncAvaTaxDocuments(deps, shop, contract.id, "system").then(
      () => new Error("the sync did not fail"),
      (caught: unknown) => caught,
    )) as Error;
    expect(error).toBeInstanceOf(AvaTaxSyncError);
    expect(error.message).toContain("AvaTax refused the account id and license key");
    const [pending] = await listAvaTaxDocuments(db, shop, contract.id);
    expect(pending!.lastError).toContain("check them in Settings → AvaTax");

    const logged = [error.message, error.stack ?? "", JSON.stringify(await listAudit(db, shop)), JSON.stringify(await db.avaTaxSettings.findMany())];
    for (const text of logged) {
      expect(text).not.toContain(wrongKey);
      expect(text).not.toContain(LICENSE_KEY);
    }

    // Through the queue: the job fails and is retried; once staff fix the key, a retry commits the document.
    const queue = await database.openJobQueue({ retry: TEST_RETRY });
    const registry = new JobHandlerRegistry();
    registry.register("avatax:sync", avaTaxSyncJob(deps));
    const logs: string[] = [];
    await queue.work({ db, handlers: registry, now: () => new Date(), log: (line) => logs.push(line), pollIntervalSeconds: 0.5 });
    expect(await requestAvaTaxSync(db, queue, shop, contract.id)).toBe(true);
    await expect
      .poll(() => logs.find((line) => line.includes("avatax:sync") && line.includes("attempt 1 of")), { timeout: 20_000, interval: 200 })
      .toContain("AvaTax refused the account id and license key");
    expect((await database.storedJobs()).filter((job) => job.queue === AVATAX_QUEUE).length).toBeGreaterThan(0);
    await saveAvaTaxSettings(db, shop, settings(), "staff:1");
    await expect.poll(async () => (await listAvaTaxDocuments(db, shop, contract.id))[0]?.status, { timeout: 20_000, interval: 250 }).toBe("committed");
    await queue.stop({ graceful: true });
    for (const line of logs) expect(line).not.toContain(wrongKey);
  });

  it("sends nothing to a stored environment that is neither Avalara's nor a local server, saying why", async () => {
    await saveAvaTaxSettings(db, shop, settings({ environment: "https://avatax.attacker.example" }), "system");
    const contract = await invoicedContract([1]);
    await expect(syncAvaTaxDocuments(deps, shop, contract.id, "system")).rejects.toThrow(AvaTaxSyncError);
    const [pending] = await listAvaTaxDocuments(db, shop, contract.id);
    expect(pending).toMatchObject({ status: "pending", lastError: expect.stringContaining("not avatax.attacker.example") });
    expect(pending!.lastError).not.toContain("could not be reached");
    const connection = { ...settings({ environment: "https://avatax.attacker.example" }), licenseKey: LICENSE_KEY };
    await expect(new AvaTaxClient(connection).ping()).rejects.toMatchObject({ code: "EnvironmentRefused" });
  });

  it("asks for no job for a shop without AvaTax", async () => {
    const contract = await invoicedContract([1]);
    await saveAvaTaxSettings(db, shop, settings({ enabled: false, licenseKey: null }), "system");
    const queue = await database.openJobQueue({ supervise: false });
    expect(await requestAvaTaxSync(db, queue, shop, contract.id)).toBe(false);
    expect((await syncAvaTaxDocuments(deps, shop, contract.id, "system")).changed).toEqual([]);
  });

  it("pings: good credentials are authenticated, others are not", async () => {
    const connection = { ...settings(), licenseKey: LICENSE_KEY };
    expect(await new AvaTaxClient(connection).ping()).toEqual({ authenticated: true, version: "26.9.0-local" });
    expect((await new AvaTaxClient({ ...connection, licenseKey: "nope" }).ping()).authenticated).toBe(false);
  });
});
