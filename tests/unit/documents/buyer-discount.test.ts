import { describe, expect, it } from "vitest";
import { documentFormat } from "../../../app/documents/document-format";
import { renderInvoicePdf } from "../../../app/documents/invoice-pdf";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import { buyerContractOf, type ContractRecord, type StageRecord } from "../../../app/domain/documents/buyer-contract";
import type { BuyerDiscount, BuyerDocument } from "../../../app/domain/documents/buyer-document";
import { renderBuyerEmail } from "../../../app/emails/render-buyer-email.server";
import { discountGrantedWords, discountsGrantedWords, paidWithDiscountWords, termsFormat } from "../../../app/locale/payment-terms-words";
import { portalContractOf } from "../../../app/services/buyer-portal/portal-view";
import { contract, document, stage } from "../../support/buyer-document-fixtures";
import { oneSpaced, readPdf } from "../../support/pdf-text";

const date = (text: string) => text as CalendarDate;
/** Intl separates thousands and symbols with no-break spaces (narrow in French): the tables are written with plain ones. */
const plain = (text: string) => oneSpaced(text.replace(/[\u00a0\u202f]/g, " "));

const TWO_PERCENT: BuyerDiscount = { amountMinor: 20_00n, percent: "2" };

describe("the words of a stage settled with an early-payment discount", () => {
  it.each([
    ["en-US", "Paid €980.00 · 2% early-payment discount €20.00", "2% early-payment discount", "Early-payment discounts"],
    ["de-DE", "Bezahlt 980,00 € · 2 % Skonto 20,00 €", "2 % Skonto", "Skonto"],
    ["fr-FR", "Payé 980,00 € · escompte de 2 % pour paiement anticipé 20,00 €", "Escompte de 2 % pour paiement anticipé", "Escomptes pour paiement anticipé"],
    ["es-ES", "Paid 980,00 € · 2 % early-payment discount 20,00 €", "2 % early-payment discount", "Early-payment discounts"],
  ])("%s", (locale, paidWithDiscount, discountGranted, discountsGranted) => {
    expect(plain(paidWithDiscountWords(980_00n, TWO_PERCENT, termsFormat("EUR", locale)))).toBe(paidWithDiscount);
    expect(plain(discountGrantedWords(TWO_PERCENT, locale))).toBe(discountGranted);
    expect(discountsGrantedWords(locale)).toBe(discountsGranted);
  });

  it.each([
    ["en-US", "Paid €980.00 · early-payment discount €20.00", "Early-payment discount"],
    ["de-DE", "Bezahlt 980,00 € · Skonto 20,00 €", "Skonto"],
    ["fr-FR", "Payé 980,00 € · escompte pour paiement anticipé 20,00 €", "Escompte pour paiement anticipé"],
  ])("%s, for a stage that no longer carries its offer's percentage", (locale, paidWithDiscount, discountGranted) => {
    const discount = { amountMinor: 20_00n, percent: null };
    expect(plain(paidWithDiscountWords(980_00n, discount, termsFormat("EUR", locale)))).toBe(paidWithDiscount);
    expect(discountGrantedWords(discount, locale)).toBe(discountGranted);
  });
});

/** 1 000.00 EUR, the balance 600.00 paid 588.00 within the offer: 12.00 off. */
const RECORD_STAGES: StageRecord[] = [
  {
    position: 1,
    kind: "deposit",
    title: "Deposit",
    amountMinor: 400_00n,
    paidMinor: 400_00n,
    discountMinor: 0n,
    refundedMinor: 0n,
    taxLines: [],
    status: "paid",
    dueDate: date("2027-03-01"),
    waitsFor: null,
    invoiceNumber: "T-1",
    payUrl: null,
    paymentTerms: {},
  },
  {
    position: 2,
    kind: "balance",
    title: "Balance",
    amountMinor: 600_00n,
    paidMinor: 600_00n,
    discountMinor: 12_00n,
    refundedMinor: 0n,
    taxLines: [],
    status: "paid",
    dueDate: date("2027-03-31"),
    waitsFor: null,
    invoiceNumber: "T-2",
    payUrl: null,
    paymentTerms: {
      earlyPayment: { percent: "2", until: date("2027-03-11"), discount: 12_00n, payable: 588_00n, taxReduction: [] },
    },
  },
];
const RECORD: ContractRecord = {
  id: "c1",
  quoteName: "#D1",
  orderName: "#1001",
  currency: "EUR",
  status: "completed",
  totalMinor: 1_000_00n,
  taxLines: [],
  stages: RECORD_STAGES,
};

describe("buyerContractOf, for a stage settled with an early-payment discount", () => {
  const view = buyerContractOf(RECORD, date("2027-03-20"), {
    portalUrl: "https://tranche.test/portal",
    invoicePdfUrl: (position) => `https://tranche.test/${position}`,
  });

  it("shows the money received on the stage, and the discount on its own", () => {
    expect(view.stages.map((s) => [s.paidMinor, s.earlyPaymentDiscount, s.owedMinor, s.state])).toEqual([
      [400_00n, null, 0n, "paid"],
      [588_00n, { amountMinor: 12_00n, percent: "2" }, 0n, "paid"],
    ]);
  });

  it("counts only money as paid in the contract's totals", () => {
    expect([view.paidMinor, view.discountMinor, view.outstandingMinor]).toEqual([988_00n, 12_00n, 0n]);
  });
});

/** The fixtures' schedule in EUR, payment 2 (600.00) paid 588.00 with 12.00 off and still to show on its invoice. */
function discountedDocument(locale: string): BuyerDocument {
  const stages = [
    stage({ position: 1, title: "Deposit", amountMinor: 400_00n, state: "paid", dueDate: date("2027-03-01"), invoiceNumber: "T-1" }),
    stage({
      position: 2,
      title: "Balance",
      amountMinor: 600_00n,
      state: "paid",
      earlyPaymentDiscount: { amountMinor: 12_00n, percent: "2" },
      dueDate: date("2027-03-31"),
      invoiceNumber: "T-2",
      invoicePdfUrl: "https://tranche.test/documents/invoice/T-2?sig=b",
    }),
  ];
  const base = document(contract(stages, { currency: "EUR", status: "completed" }));
  return { ...base, locale: { ...base.locale, locale, timeZone: "Europe/Berlin", today: date("2027-03-20") } };
}

describe("a stage settled with an early-payment discount, as the buyer receives it", () => {
  it("the fixture pays money only: 588.00 on the stage, 988.00 on the contract", () => {
    const { contract: view } = discountedDocument("en-US");
    expect([view.stages[1]!.paidMinor, view.paidMinor, view.discountMinor]).toEqual([588_00n, 988_00n, 12_00n]);
  });

  it.each([
    ["en-US", ["Paid €588.00 · 2% early-payment discount €12.00", "Early-payment discounts €12.00", "Paid €988.00"], "Paid €1,000.00"],
    ["de-DE", ["Bezahlt 588,00 € · 2 % Skonto 12,00 €", "Skonto 12,00 €", "Bezahlt 988,00 €"], "Bezahlt 1.000,00 €"],
    [
      "fr-FR",
      ["Payé 588,00 € · escompte de 2 % pour paiement anticipé 12,00 €", "Escomptes pour paiement anticipé 12,00 €", "Payé 988,00 €"],
      "Payé 1 000,00 €",
    ],
  ])("in the payment-received email (%s): the money, the discount, and the totals without it", async (locale, expected, paidInFull) => {
    const { text } = await renderBuyerEmail({
      email: { kind: "paymentReceived", stagePosition: 2, amountMinor: 588_00n, receivedOn: date("2027-03-09") },
      document: discountedDocument(locale),
      text: { subject: null, intro: null },
    });
    for (const phrase of expected) expect(plain(text)).toContain(phrase);
    expect(plain(text)).not.toContain(paidInFull);
  });

  it("in the stage's facts: paid and discount, each with its label", async () => {
    const { text } = await renderBuyerEmail({
      email: { kind: "paymentReceived", stagePosition: 2, amountMinor: 588_00n, receivedOn: date("2027-03-09") },
      document: discountedDocument("en-US"),
      text: { subject: null, intro: null },
    });
    expect(plain(text)).toMatch(/Paid\s*:?\s*€588\.00/);
    expect(plain(text)).toMatch(/2% early-payment discount\s*:?\s*€12\.00/);
  });

  it("on the invoice PDF: paid so far is the money, the discount a row of its own and in the totals", async () => {
    const content = await readPdf(await renderInvoicePdf(discountedDocument("en-US"), 2));
    const pdfText = plain(content.pages.join(" ").replace(/-\s+/g, "-"));
    const format = documentFormat("en-US", "EUR");
    expect(pdfText).toContain(plain(`Paid so far ${format.money(588_00n)}`));
    expect(pdfText).toContain(plain(`2% early-payment discount ${format.money(12_00n)}`));
    expect(pdfText).toContain(plain(`Early-payment discounts ${format.money(12_00n)}`));
    expect(pdfText).toContain(plain(`Paid (net of refunds) ${format.money(988_00n)}`));
  });

  it.each([
    ["en-US", "Paid €588.00 · 2% early-payment discount €12.00", "Early-payment discounts", "€12.00", "€988.00"],
    ["de-DE", "Bezahlt 588,00 € · 2 % Skonto 12,00 €", "Skonto", "12,00 €", "988,00 €"],
    ["fr-FR", "Payé 588,00 € · escompte de 2 % pour paiement anticipé 12,00 €", "Escomptes pour paiement anticipé", "12,00 €", "988,00 €"],
  ])("in the portal (%s): the stage's settlement, the discounts beside the totals", (locale, settled, label, discount, paid) => {
    const portal = portalContractOf(discountedDocument(locale));
    expect(portal.stages.map((s) => (s.settledWithDiscount === null ? null : plain(s.settledWithDiscount)))).toEqual([null, settled]);
    expect(portal.discount && { label: portal.discount.label, amount: plain(portal.discount.amount) }).toEqual({ label, amount: discount });
    expect(plain(portal.paid)).toBe(paid);
  });
});
