import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { StoredContract, StoredStage } from "../../../app/models/contracts.server";
import { shopifyInvoiceEmail } from "../../../app/services/collection/shopify-invoice-email";

const date = (text: string) => text as CalendarDate;
/** Intl separates thousands and symbols with no-break spaces (narrow in French): the tables are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

/** 1 190.00 EUR including 190.00 VAT, invoiced 2027-03-01, due 2027-03-31, 2% off through 2027-03-11. */
const STAGE = {
  position: 1,
  title: "Net terms",
  status: "invoiced",
  amountMinor: 1_190_00n,
  paidMinor: 0n,
  invoiceNumber: "TR-000007",
  taxShares: [{ title: "VAT", amount: 190_00n }],
  dueDate: date("2027-03-31"),
  paymentTerms: {
    earlyPayment: { percent: "2", until: date("2027-03-11"), discount: 23_80n, payable: 1_166_20n, taxReduction: [{ title: "VAT", amount: 3_80n }] },
  },
} as Partial<StoredStage> as StoredStage;

const contract = (buyerLocale: string) =>
  ({ id: "c1", buyerLocale, currency: "EUR", mainOrderName: "#1001", sourceDraftName: "#D1", stages: [STAGE] }) as Partial<StoredContract> as StoredContract;

describe("Shopify's invoice email for a stage with an early-payment offer", () => {
  it.each([
    [
      "en",
      "Payment 1 of 1 for #1001: €1,166.20 if paid by March 11, 2027",
      "Payment 1 of 1 (Net terms, invoice TR-000007) towards #1001: €1,166.20, including VAT €186.20. Pay €1,166.20 by March 11, 2027 and save €23.80 (2% early-payment discount).",
    ],
    [
      "de",
      "Zahlung 1 von 1 für #1001: 1.166,20 € bei Zahlung bis zum 11. März 2027",
      "Zahlung 1 von 1 (Net terms, Rechnung TR-000007) für #1001: 1.166,20 €, darin enthalten VAT 186,20 €. Zahlen Sie 1.166,20 € bis zum 11. März 2027 und sparen Sie 23,80 € (2 % Skonto).",
    ],
    [
      "fr",
      "Paiement 1 sur 1 pour #1001 : 1 166,20 € si réglé au plus tard le 11 mars 2027",
      "Paiement 1 sur 1 (Net terms, facture TR-000007) pour #1001 : 1 166,20 €, dont VAT 186,20 €. Payez 1 166,20 € au plus tard le 11 mars 2027 et économisez 23,80 € (escompte de 2 % pour paiement anticipé).",
    ],
  ])("%s: while the offer is open, the discounted amount, its tax and the offer's last day", (locale, subject, message) => {
    const email = shopifyInvoiceEmail(contract(locale), STAGE, "invoice", date("2027-03-11"));
    expect(plain(email.subject)).toBe(subject);
    expect(plain(email.customMessage)).toBe(message);
  });

  it("after the offer's last day, the full amount due on its date", () => {
    const email = shopifyInvoiceEmail(contract("en"), STAGE, "reminder", date("2027-03-12"));
    expect(plain(email.subject)).toBe("Reminder: Payment 1 of 1 for #1001: €1,190.00, due March 31, 2027");
    expect(plain(email.customMessage)).toBe("Payment 1 of 1 (Net terms, invoice TR-000007) towards #1001: €1,190.00, including VAT €190.00.");
  });

  it("once money arrived on the stage, what it still owes, without the offer", () => {
    const partlyPaid = { ...STAGE, paidMinor: 190_00n };
    const email = shopifyInvoiceEmail(contract("en"), partlyPaid, "resent", date("2027-03-05"));
    expect(plain(email.subject)).toBe("Payment 1 of 1 for #1001: €1,000.00, due March 31, 2027");
    expect(email.customMessage).not.toContain("early-payment");
  });
});

describe("Shopify's invoice email beside a late fee at position 1002", () => {
  /** 300.00 in three plan stages: the deposit paid, payment 2 overdue and carrying a 25.00 fee, payment 3 to come. */
  const planStage = (position: number, kind: StoredStage["kind"], title: string, status: StoredStage["status"], paidMinor: bigint) =>
    ({
      position,
      kind,
      title,
      status,
      amountMinor: 100_00n,
      paidMinor,
      invoiceNumber: null,
      taxShares: [],
      dueDate: date("2027-03-01"),
      paymentTerms: {},
    }) as Partial<StoredStage> as StoredStage;
  const fee = (title: string) =>
    ({
      position: 1002,
      kind: "lateFee",
      title,
      status: "invoiced",
      amountMinor: 25_00n,
      paidMinor: 0n,
      invoiceNumber: "TR-000009",
      taxShares: [],
      dueDate: date("2027-03-25"),
      paymentTerms: {},
    }) as Partial<StoredStage> as StoredStage;
  const withFee = (buyerLocale: string, feeTitle: string) => {
    const stages = [
      planStage(1, "deposit", "Deposit", "paid", 100_00n),
      { ...planStage(2, "installment", "Milestone", "overdue", 0n), invoiceNumber: "TR-000008" },
      planStage(3, "balance", "Balance", "scheduled", 0n),
      fee(feeTitle),
    ];
    return { id: "c2", buyerLocale, currency: "EUR", mainOrderName: "#1001", sourceDraftName: "#D1", stages } as Partial<StoredContract> as StoredContract;
  };

  it.each([
    [
      "en",
      "Late fee on payment 2 of 3 (Milestone)",
      "Reminder: Payment 2 of 3 for #1001: €100.00, due March 1, 2027",
      "Payment 2 of 3 (Milestone, invoice TR-000008) towards #1001: €100.00. After it, €100.00 remains in 1 more payment.",
      "Late fee on payment 2 of 3 (Milestone) for #1001: €25.00, due March 25, 2027",
      "Late fee on payment 2 of 3 (Milestone), invoice TR-000009, for #1001: €25.00.",
    ],
    [
      "de",
      "Mahngebühr für Zahlung 2 von 3 (Milestone)",
      "Erinnerung: Zahlung 2 von 3 für #1001: 100,00 €, fällig am 1. März 2027",
      "Zahlung 2 von 3 (Milestone, Rechnung TR-000008) für #1001: 100,00 €. Danach bleiben 100,00 € in 1 weiteren Zahlung.",
      "Mahngebühr für Zahlung 2 von 3 (Milestone) für #1001: 25,00 €, fällig am 25. März 2027",
      "Mahngebühr für Zahlung 2 von 3 (Milestone), Rechnung TR-000009, für #1001: 25,00 €.",
    ],
  ])("%s: a plan's payment is one of the plan's 3 and the fee is not among what remains; the fee is named by its title", (locale, feeTitle, ...expected) => {
    const contract = withFee(locale, feeTitle);
    const [planSubject, planMessage, feeSubject, feeMessage] = expected;
    const plan = shopifyInvoiceEmail(contract, contract.stages[1]!, "reminder", date("2027-03-10"));
    expect(plain(plan.subject)).toBe(planSubject);
    expect(plain(plan.customMessage)).toBe(planMessage);
    const lateFee = shopifyInvoiceEmail(contract, contract.stages[3]!, "invoice", date("2027-03-11"));
    expect(plain(lateFee.subject)).toBe(feeSubject);
    expect(plain(lateFee.customMessage)).toBe(feeMessage);
  });
});
