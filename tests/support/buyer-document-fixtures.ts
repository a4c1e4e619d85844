import type { BuyerContract, BuyerDocument, BuyerStage, Branding } from "../../app/domain/documents/buyer-document";
import type { CalendarDate } from "../../app/domain/dates/calendar-date";

/**
 * Buyer documents in every state a contract reaches, for the email and PDF tests. Figures are consistent: stages sum
 * to the total, tax shares to the order's tax, paid/refunded/outstanding to the stages.
 */

const date = (text: string) => text as CalendarDate;

/** A 1×1 transparent PNG: enough for a logo that must be embedded and linked. */
export const PIXEL_PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
);

export const BRANDING: Branding = {
  senderName: "Oak & Iron Furniture",
  primaryColor: "#1f4e3d",
  accentColor: "#c9a227",
  footer: "Oak & Iron Furniture · 12 Mill Lane · Austin, TX 78701",
  logo: { url: "https://tranche.test/brand/oak-and-iron.myshopify.com/logo", data: PIXEL_PNG, contentType: "image/png" },
};

export function stage(fields: Partial<BuyerStage> & Pick<BuyerStage, "position" | "amountMinor" | "state">): BuyerStage {
  const discount = fields.earlyPaymentDiscount?.amountMinor ?? 0n;
  const paid = fields.paidMinor ?? (fields.state === "paid" || fields.state === "refunded" ? fields.amountMinor - discount : 0n);
  const refunded = fields.refundedMinor ?? (fields.state === "refunded" ? fields.amountMinor : 0n);
  const owed = ["cancelled", "refunded", "paid"].includes(fields.state) ? 0n : fields.amountMinor - paid;
  return {
    kind: fields.position === 1 ? "deposit" : "balance",
    title: `Payment ${fields.position}`,
    paidMinor: paid,
    earlyPaymentDiscount: null,
    refundedMinor: refunded,
    owedMinor: owed,
    taxLines: [],
    dueDate: null,
    waitsFor: null,
    invoiceNumber: null,
    payUrl: null,
    invoicePdfUrl: null,
    paymentTerms: {},
    ...fields,
  };
}

export function contract(stages: BuyerStage[], fields: Partial<BuyerContract> = {}): BuyerContract {
  const paid = stages.reduce((sum, s) => sum + s.paidMinor - s.refundedMinor, 0n);
  const refunded = stages.reduce((sum, s) => sum + s.refundedMinor, 0n);
  return {
    id: "ctr_1",
    quoteName: "#D1",
    orderName: "#1002",
    currency: "USD",
    status: "active",
    totalMinor: stages.reduce((sum, s) => sum + s.amountMinor, 0n),
    paidMinor: paid,
    discountMinor: stages.reduce((sum, s) => sum + (s.earlyPaymentDiscount?.amountMinor ?? 0n), 0n),
    refundedMinor: refunded,
    outstandingMinor: stages.reduce((sum, s) => sum + s.owedMinor, 0n),
    taxLines: [],
    stages,
    portalUrl: "https://tranche.test/portal/signed-token",
    ...fields,
  };
}

/** 30/50/20 of $22,769.39 (tax $1,339.37 split exactly): the deposit paid, payment 2 due, payment 3 on shipping. */
const THREE_STAGES = [
  stage({
    position: 1,
    kind: "deposit",
    title: "Deposit",
    amountMinor: 6_830_82n,
    state: "paid",
    taxLines: [{ title: "Texas State Tax", amountMinor: 401_81n }],
    dueDate: date("2027-01-04"),
    invoiceNumber: "TR-000001",
    invoicePdfUrl: "https://tranche.test/documents/invoice/TR-000001?sig=a",
  }),
  stage({
    position: 2,
    title: "Milestone payment",
    amountMinor: 11_384_70n,
    state: "due",
    taxLines: [{ title: "Texas State Tax", amountMinor: 669_69n }],
    dueDate: date("2027-02-03"),
    invoiceNumber: "TR-000004",
    payUrl: "https://shop.test/invoices/stage-2",
    invoicePdfUrl: "https://tranche.test/documents/invoice/TR-000004?sig=b",
  }),
  stage({
    position: 3,
    title: "Balance on shipping",
    amountMinor: 4_553_87n,
    state: "scheduled",
    taxLines: [{ title: "Texas State Tax", amountMinor: 267_87n }],
    waitsFor: "shipping",
  }),
];

const SELLER = {
  name: "Oak & Iron Furniture",
  email: "billing@oak-and-iron.test",
  address: ["12 Mill Lane", "Austin, TX 78701", "United States"],
  branding: BRANDING,
};
const BUYER = { name: "Avery Quinn", email: "avery@example.test", address: ["4 Elm Street", "Dallas, TX 75201", "United States"] };
const EN = { locale: "en-US", timeZone: "America/Chicago", today: date("2027-01-20") };

export function document(c: BuyerContract, overrides: Partial<BuyerDocument> = {}): BuyerDocument {
  return {
    seller: SELLER,
    buyer: BUYER,
    contract: { ...c, taxLines: [{ title: "Texas State Tax", amountMinor: c.stages.reduce((sum, s) => sum + (s.taxLines[0]?.amountMinor ?? 0n), 0n) }] },
    locale: EN,
    ...overrides,
  };
}

/** Payment 2 of THREE_STAGES overdue on February 10, and the fixed late fee charged on it: a stage of its own, no tax. */
const OVERDUE_WITH_LATE_FEE = [
  ...THREE_STAGES.map((s) => (s.position === 2 ? { ...s, state: "overdue" as const } : s)),
  stage({
    position: 1002,
    kind: "lateFee",
    title: "Late fee on payment 2 of 3 (Milestone payment)",
    amountMinor: 40_00n,
    state: "due",
    dueDate: date("2027-02-24"),
    invoiceNumber: "TR-000005",
    payUrl: "https://shop.test/invoices/late-fee-2",
    invoicePdfUrl: "https://tranche.test/documents/invoice/TR-000005?sig=c",
  }),
];

/**
 * German buyer, euro shop: payment 2 of 3 paid late, the interest charged on it then, and that fee itself overdue
 * now; the balance waits for shipping.
 */
const GERMAN_LATE_FEE_OVERDUE = [
  stage({
    position: 1,
    kind: "deposit",
    title: "Anzahlung",
    amountMinor: 1_000_00n,
    state: "paid",
    dueDate: date("2027-01-04"),
    invoiceNumber: "TR-000030",
    taxLines: [{ title: "USt 19 %", amountMinor: 159_66n }],
  }),
  stage({
    position: 2,
    title: "Zwischenzahlung",
    amountMinor: 2_000_00n,
    state: "paid",
    dueDate: date("2027-02-01"),
    invoiceNumber: "TR-000031",
    taxLines: [{ title: "USt 19 %", amountMinor: 319_33n }],
  }),
  stage({
    position: 3,
    title: "Restzahlung",
    amountMinor: 1_000_00n,
    state: "scheduled",
    waitsFor: "Versand",
    taxLines: [{ title: "USt 19 %", amountMinor: 159_67n }],
  }),
  stage({
    position: 1002,
    kind: "lateFee",
    title: "Verzugszinsen für Zahlung 2 von 3 (Zwischenzahlung), 2. Februar 2027 bis 11. Februar 2027",
    amountMinor: 4_44n,
    state: "overdue",
    dueDate: date("2027-02-25"),
    invoiceNumber: "TR-000032",
    payUrl: "https://shop.test/invoices/de-late-fee-2",
    invoicePdfUrl: "https://tranche.test/documents/invoice/TR-000032?sig=d",
  }),
];

/** The order's total: the plan's stages; a late fee is owed on top of it. */
const planTotal = (stages: readonly BuyerStage[]) => stages.filter((s) => s.kind !== "lateFee").reduce((sum, s) => sum + s.amountMinor, 0n);

/** Every state a contract is in when the buyer hears from us, by name. */
export const BUYER_DOCUMENTS: Readonly<Record<string, BuyerDocument>> = {
  depositPaidStageDue: document(contract(THREE_STAGES)),
  stageOverdue: document(contract(THREE_STAGES.map((s) => (s.position === 2 ? { ...s, state: "overdue" as const } : s))), {
    locale: { ...EN, today: date("2027-02-10") },
  }),
  partlyPaid: document(
    contract(THREE_STAGES.map((s) => (s.position === 2 ? { ...s, state: "partlyPaid" as const, paidMinor: 5_000_00n, owedMinor: 6_384_70n } : s))),
  ),
  completed: document(
    contract(
      THREE_STAGES.map((s) => ({
        ...s,
        state: "paid" as const,
        paidMinor: s.amountMinor,
        owedMinor: 0n,
        payUrl: null,
        dueDate: s.dueDate ?? date("2027-03-01"),
        waitsFor: null,
      })),
      { status: "completed" },
    ),
  ),
  cancelledRefunded: document(
    contract(
      THREE_STAGES.map((s) =>
        s.position === 1
          ? { ...s, state: "refunded" as const, refundedMinor: s.amountMinor, owedMinor: 0n }
          : { ...s, state: "cancelled" as const, owedMinor: 0n, payUrl: null },
      ),
      { status: "cancelled" },
    ),
  ),
  /** Zero-exponent currency, German buyer, Berlin shop. */
  yenGerman: document(
    contract(
      [
        stage({
          position: 1,
          kind: "deposit",
          title: "Anzahlung",
          amountMinor: 50_000n,
          state: "paid",
          dueDate: date("2027-01-04"),
          invoiceNumber: "TR-000010",
          taxLines: [{ title: "USt 10%", amountMinor: 4_545n }],
        }),
        stage({
          position: 2,
          title: "Restzahlung",
          amountMinor: 70_001n,
          state: "due",
          dueDate: date("2027-02-04"),
          invoiceNumber: "TR-000011",
          payUrl: "https://shop.test/invoices/jp-2",
          taxLines: [{ title: "USt 10%", amountMinor: 6_364n }],
        }),
      ],
      { currency: "JPY" },
    ),
    { locale: { locale: "de-DE", timeZone: "Europe/Berlin", today: date("2027-01-20") } },
  ),
  /** French buyer, euro shop. */
  euroFrench: document(
    contract(
      [
        stage({
          position: 1,
          kind: "deposit",
          title: "Acompte",
          amountMinor: 1_200_00n,
          state: "paid",
          dueDate: date("2027-01-04"),
          invoiceNumber: "TR-000020",
          taxLines: [{ title: "TVA 20 %", amountMinor: 200_00n }],
        }),
        stage({
          position: 2,
          title: "Solde",
          amountMinor: 2_400_00n,
          state: "due",
          dueDate: date("2027-02-04"),
          invoiceNumber: "TR-000021",
          payUrl: "https://shop.test/invoices/fr-2",
          taxLines: [{ title: "TVA 20 %", amountMinor: 400_00n }],
        }),
      ],
      { currency: "EUR" },
    ),
    { locale: { locale: "fr-FR", timeZone: "Europe/Paris", today: date("2027-01-20") } },
  ),
  /** Three plan stages and a late fee at position 1002: "payment 2 of 3", never "of 4"; the fee by its title. */
  lateFeeCharged: document(contract(OVERDUE_WITH_LATE_FEE, { totalMinor: planTotal(OVERDUE_WITH_LATE_FEE) }), {
    locale: { ...EN, today: date("2027-02-10") },
  }),
  /** The late fee is what the buyer owes and it is overdue itself; German buyer, euro shop. */
  lateFeeGerman: document(contract(GERMAN_LATE_FEE_OVERDUE, { currency: "EUR", totalMinor: planTotal(GERMAN_LATE_FEE_OVERDUE) }), {
    locale: { locale: "de-DE", timeZone: "Europe/Berlin", today: date("2027-03-01") },
  }),
  /** Everything a merchant or buyer typed is hostile: names, titles, footer. */
  hostileText: document(contract(THREE_STAGES.map((s) => ({ ...s, title: `<script>alert("${s.position}")</script> & "stage"` }))), {
    buyer: { name: `<img src=x onerror=alert(1)> O'Brien & Sons`, email: "evil@example.test", address: ["<b>bold</b> street"] },
    seller: { ...SELLER, name: `Shop <i>&amp;</i>`, branding: { ...BRANDING, footer: `<a href="javascript:alert(1)">click</a>`, senderName: `"Evil" <x@y>` } },
  }),
};
