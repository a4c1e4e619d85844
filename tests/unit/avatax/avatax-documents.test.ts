import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DocumentType } from "avatax/lib/enums/DocumentType.js";
import { TaxOverrideType } from "avatax/lib/enums/TaxOverrideType.js";

import { journalOfContract } from "../../../app/domain/books/journal";
import type { LedgerFact } from "../../../app/domain/books/journal-types";
import { contractFacts, day, stageFact } from "../books/books-fixture";
import { currencyFor } from "../../../app/domain/money/currency";
import {
  avaTaxAmount,
  discountDocumentCode,
  keptTaxAndNet,
  minorFromAvaTax,
  refundDocumentCode,
  refundTaxPortion,
  returnInvoiceModel,
  salesInvoiceModel,
  stageCredits,
  stageDocumentCode,
  stageTaxAndNet,
  type CreditLedgerEntry,
  type StageDocumentInput,
} from "../../../app/services/avatax/avatax-documents";

const origin = { line1: "1 Main St", city: "Seattle", region: "WA", postalCode: "98101", country: "US" };

function input(overrides: Partial<StageDocumentInput> = {}): StageDocumentInput {
  return {
    code: "tranche-c1-1",
    companyCode: "DEFAULT",
    customerCode: "shopify-42",
    currency: currencyFor("USD"),
    date: "2027-01-15",
    description: "Deposit (#D12)",
    net: 30_000n,
    tax: 3_030n,
    taxMode: "override",
    commit: true,
    origin,
    shipTo: null,
    invoiceNumber: "TR-000001",
    ...overrides,
  };
}

describe("document codes", () => {
  it("names the contract and stage, and stays within Avalara's 50 characters", () => {
    const contractId = "cmabcdefghijklmnopqrstuvw";
    expect(stageDocumentCode(contractId, 3)).toBe(`tranche-${contractId}-3`);
    const refund = refundDocumentCode(contractId, 12, "0123456789abcdef");
    expect(refund).toBe(`tranche-${contractId}-12-r0123456789`);
    expect(refund.length).toBeLessThanOrEqual(50);
    expect(() => stageDocumentCode("x".repeat(45), 1)).toThrow("longer than 50");
  });
});

describe("stageTaxAndNet", () => {
  it("sums the stage's shares of every tax line", () => {
    expect(
      stageTaxAndNet(36_000n, [
        { title: "VAT 19%", amount: 5_748n },
        { title: "City", amount: 2n },
      ]),
    ).toEqual({ tax: 5_750n, net: 30_250n });
    expect(stageTaxAndNet(100n, [])).toEqual({ tax: 0n, net: 100n });
  });
});

describe("refundTaxPortion", () => {
  it.each([
    // amount, tax, refunded before, refund, tax portion
    [36_000n, 5_748n, 0n, 36_000n, 5_748n],
    [36_000n, 5_748n, 0n, 10_000n, 1_597n], // 1596.67 → 1597
    [36_000n, 5_748n, 10_000n, 26_000n, 4_151n], // the rest of the tax, exactly
    [1_000n, 0n, 0n, 500n, 0n],
    [3n, 1n, 0n, 1n, 0n], // 0.33 → 0
    [3n, 1n, 1n, 1n, 1n], // 0.67 → 1, less 0
  ])("a stage of %s with tax %s, %s refunded before, refunding %s carries %s", (amount, tax, before, refund, expected) => {
    expect(refundTaxPortion(amount, tax, before, refund)).toBe(expected);
  });

  it("returns exactly the stage's tax over any split of a full refund", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 8 }), (amount, weights) => {
        const tax = amount / 5n;
        const total = weights.reduce((a, b) => a + b, 0n);
        const parts = weights.map((weight) => (amount * weight) / total);
        parts[parts.length - 1]! += amount - parts.reduce((a, b) => a + b, 0n);
        let before = 0n;
        let returned = 0n;
        for (const part of parts) {
          const portion = refundTaxPortion(amount, tax, before, part);
          expect(portion).toBeGreaterThanOrEqual(0n);
          returned += portion;
          before += part;
        }
        expect(returned).toBe(tax);
      }),
    );
  });
});

describe("keptTaxAndNet", () => {
  it.each([
    // amount, tax, kept, tax kept, net kept
    [36_000n, 5_748n, 36_000n, 5_748n, 30_252n],
    [60_000n, 9_580n, 20_000n, 3_193n, 16_807n], // 3193.33 → 3193
    [60_000n, 9_580n, 45_000n, 7_185n, 37_815n], // exactly three quarters
    [3n, 1n, 2n, 1n, 1n], // 0.67 → 1
  ])("a stage of %s with tax %s keeping %s keeps tax %s and net %s", (amount, tax, kept, keptTax, keptNet) => {
    expect(keptTaxAndNet(amount, [{ title: "VAT", amount: tax }], kept)).toEqual({ tax: keptTax, net: keptNet });
  });

  it("keeps what the refunds of the same part would return, so refunding all the kept money returns all its tax", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 100n }),
        fc.bigInt({ min: 0n, max: 100n }),
        (amount, taxPercent, keptPercent) => {
          const tax = (amount * taxPercent) / 500n;
          const kept = (amount * keptPercent) / 100n;
          expect(keptTaxAndNet(amount, [{ title: "VAT", amount: tax }], kept).tax).toBe(refundTaxPortion(amount, tax, 0n, kept));
        },
      ),
    );
  });
});

describe("amounts at Avalara's boundary", () => {
  it.each([
    ["USD", 123_456n, 1234.56, "1234.56"],
    ["JPY", 123_456n, 123456, "123456"],
    ["KWD", 123_456n, 123.456, "123.456"],
    ["KWD", -5n, -0.005, "-0.005"],
  ])("%s %s minor units go out as %s", (code, minor, number, json) => {
    const currency = currencyFor(code);
    expect(avaTaxAmount(minor, currency)).toBe(number);
    expect(JSON.stringify(avaTaxAmount(minor, currency))).toBe(json);
    expect(minorFromAvaTax(number, currency)).toBe(minor);
  });
});

describe("salesInvoiceModel / returnInvoiceModel", () => {
  it("builds a committed SalesInvoice with one net line and the stage's tax as a TaxAmount override", () => {
    const model = salesInvoiceModel(input());
    expect(model).toMatchObject({
      type: DocumentType.SalesInvoice,
      code: "tranche-c1-1",
      companyCode: "DEFAULT",
      customerCode: "shopify-42",
      currencyCode: "USD",
      commit: true,
      purchaseOrderNo: "TR-000001",
      addresses: { singleLocation: { line1: "1 Main St", city: "Seattle", region: "WA", postalCode: "98101", country: "US" } },
      lines: [{ number: "1", amount: 300, description: "Deposit (#D12)" }],
      taxOverride: { type: TaxOverrideType.TaxAmount, taxAmount: 30.3 },
    });
    expect(JSON.parse(JSON.stringify(model)).date).toBe("2027-01-15T00:00:00.000Z");
  });

  it("ships from the origin to the buyer's address when the order ships, and is a single location at the origin when not", () => {
    const shipTo = { line1: "350 5th Ave", city: "New York", region: "NY", postalCode: "10118", country: "US" };
    expect(salesInvoiceModel(input({ shipTo })).addresses).toEqual({
      shipFrom: { line1: "1 Main St", city: "Seattle", region: "WA", postalCode: "98101", country: "US" },
      shipTo: { line1: "350 5th Ave", city: "New York", region: "NY", postalCode: "10118", country: "US" },
    });
    // Unknown parts are left out rather than sent empty.
    const countryOnly = { line1: null, city: null, region: null, postalCode: null, country: "DE" };
    expect(returnInvoiceModel(input({ shipTo: countryOnly }), "tranche-c1-1").addresses?.shipTo).toEqual({ country: "DE" });
  });

  it("leaves the tax to AvaTax in compute mode", () => {
    expect(salesInvoiceModel(input({ taxMode: "compute" })).taxOverride).toBeUndefined();
  });

  it("writes exact override amounts in a 0- and a 3-decimal currency", () => {
    expect(salesInvoiceModel(input({ currency: currencyFor("JPY"), net: 33_334n, tax: 3_333n })).taxOverride?.taxAmount).toBe(3333);
    const kwd = salesInvoiceModel(input({ currency: currencyFor("KWD"), net: 100_001n, tax: 5_001n }));
    expect(kwd.lines[0]!.amount).toBe(100.001);
    expect(JSON.stringify(kwd.taxOverride?.taxAmount)).toBe("5.001");
  });

  it("returns a refund as a ReturnInvoice of negative amounts pointing at the stage's document", () => {
    const model = returnInvoiceModel(input({ code: "tranche-c1-1-rabc", net: 8_403n, tax: 1_597n }), "tranche-c1-1");
    expect(model).toMatchObject({
      type: DocumentType.ReturnInvoice,
      referenceCode: "tranche-c1-1",
      lines: [{ amount: -84.03 }],
      taxOverride: { type: TaxOverrideType.TaxAmount, taxAmount: -15.97 },
    });
  });
});

describe("stageCredits", () => {
  /** 10.00 gross with 0.05 VAT: a stage where the running split and a rounded share of the discount part ways. */
  const stage = { id: "s1", amountMinor: 1_000n, taxShares: [{ title: "VAT", amount: 5n }] };
  let counter = 0;
  const entry = (kind: CreditLedgerEntry["kind"], amountMinor: bigint, at = "2027-01-16T10:00:00Z", stageId: string | null = "s1"): CreditLedgerEntry => {
    counter += 1;
    return { id: `l${counter}`, kind, stageId, amountMinor, occurredAt: new Date(at) };
  };
  const figures = (ledger: readonly CreditLedgerEntry[]) => stageCredits([stage], ledger).map((credit) => [credit.kind, credit.gross, credit.tax]);

  it("gives a discount the stage's tax between what settled it before and after, not the offer's rounded share", () => {
    // 9.00 paid carries 0.045 of VAT, rounded up to 0.05: the 1.00 discount above it carries none (the offer said 0.01).
    expect(figures([entry("payment", 900n), entry("earlyPaymentDiscount", 100n)])).toEqual([["earlyPaymentDiscount", 100n, 0n]]);
    // Taken in the ledger's order: a discount listed before the payment of the same moment sits below it.
    expect(figures([entry("earlyPaymentDiscount", 100n), entry("payment", 900n)])).toEqual([["earlyPaymentDiscount", 100n, 1n]]);
  });

  it("names the stage and the entry of each credit, with discount codes marked apart from refunds", () => {
    const discount = entry("earlyPaymentDiscount", 100n, "2027-01-17T09:00:00Z");
    const [credit] = stageCredits([stage], [entry("payment", 900n), discount]);
    expect(credit).toMatchObject({ stage, entryId: discount.id, occurredAt: discount.occurredAt });
    expect(discountDocumentCode("c1", 2, "0123456789abcdef")).toBe("tranche-c1-2-d0123456789");
    expect(discountDocumentCode("c1", 2, "0123456789abcdef")).not.toBe(refundDocumentCode("c1", 2, "0123456789abcdef"));
  });

  it("returns no sale for the part of a refund that gives back an overpayment, the discount counted as settling", () => {
    const ledger = [entry("payment", 900n), entry("earlyPaymentDiscount", 100n), entry("payment", 100n), entry("refund", 150n), entry("refund", 850n)];
    // 9.00 + 1.00 discount settled the stage; the extra 1.00 comes back first, without tax, then 0.50 and 8.50 of the sale.
    expect(figures(ledger)).toEqual([
      ["earlyPaymentDiscount", 100n, 0n],
      ["refund", 50n, 0n],
      ["refund", 850n, 5n],
    ]);
    expect(figures([entry("payment", 1_100n), entry("refund", 100n)])).toEqual([]);
  });

  it("leaves out refunds of money never allocated to a stage", () => {
    expect(figures([entry("payment", 500n), entry("refund", 100n, undefined, null)])).toEqual([]);
  });

  /** Payments, discounts and refunds of what the stage holds, a day apart, then perhaps a cancellation. */
  const scenario = fc
    .record({
      amount: fc.bigInt({ min: 1n, max: 500_000n }),
      taxPermille: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 3 }),
      steps: fc.array(
        fc.record({ kind: fc.constantFrom("payment", "manualPayment", "earlyPaymentDiscount", "refund"), permille: fc.integer({ min: 1, max: 700 }) }),
        {
          maxLength: 8,
        },
      ),
      cancelled: fc.boolean(),
    })
    .map(({ amount, taxPermille, steps, cancelled }) => {
      const taxShares = taxPermille.map((permille, index) => ({ title: `Tax ${index}`, amount: (amount * BigInt(permille)) / 3_000n }));
      let money = 0n;
      const ledger: LedgerFact[] = [];
      steps.forEach((step, index) => {
        const share = (amount * BigInt(step.permille)) / 1_000n;
        const amountMinor = step.kind === "refund" ? (money < share ? money : share) : share;
        if (amountMinor <= 0n) return;
        if (step.kind === "payment" || step.kind === "manualPayment") money += amountMinor;
        if (step.kind === "refund") money -= amountMinor;
        ledger.push({ id: `e${index}`, kind: step.kind, stageId: "s1", amountMinor, occurredAt: new Date(Date.UTC(2027, 0, 2 + index, 12)) });
      });
      return { amount, taxShares, ledger, cancelled };
    });

  it("takes off exactly the tax the journal takes off: the stage's documents carry the journal's tax payable", () => {
    fc.assert(
      fc.property(scenario, ({ amount, taxShares, ledger, cancelled }) => {
        const invoiced = stageFact(1, {
          amountMinor: amount,
          taxShares: taxShares.map((share) => ({ title: share.title, amountMinor: share.amount })),
          issueDate: day("2027-01-01"),
          status: "invoiced",
          invoiceNumber: "TR-1",
        });
        const journal = journalOfContract(
          contractFacts({ cancelledOn: cancelled ? day("2027-02-01") : null, settlement: cancelled ? "close" : null, stages: [invoiced], ledger }),
        );
        const taxPayable = journal
          .flatMap((journalEntry) => journalEntry.lines)
          .filter((line) => line.account === "taxPayable")
          .reduce((total, line) => total + line.creditMinor - line.debitMinor, 0n);
        // The SalesInvoice as the sync keeps it: whole, or cut to what settled it (money and discounts) on cancellation.
        const settled = ledger.filter((fact) => fact.kind !== "refund").reduce((total, fact) => total + fact.amountMinor, 0n);
        const sold = cancelled && settled < amount ? settled : amount;
        const credits = stageCredits([{ id: "s1", amountMinor: amount, taxShares }], ledger);
        const documentsTax = keptTaxAndNet(amount, taxShares, sold).tax - credits.reduce((total, credit) => total + credit.tax, 0n);
        expect(documentsTax).toBe(taxPayable);
      }),
      { numRuns: 1_000 },
    );
  });
});
