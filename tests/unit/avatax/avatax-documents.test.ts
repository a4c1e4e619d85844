import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DocumentType } from "avatax/lib/enums/DocumentType.js";
import { TaxOverrideType } from "avatax/lib/enums/TaxOverrideType.js";

import { currencyFor } from "../../../app/domain/money/currency";
import {
  avaTaxAmount,
  keptTaxAndNet,
  minorFromAvaTax,
  refundDocumentCode,
  refundTaxPortion,
  returnInvoiceModel,
  salesInvoiceModel,
  stageDocumentCode,
  stageTaxAndNet,
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
