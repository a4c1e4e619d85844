import { describe, expect, it } from "vitest";
import { documentFormat } from "../../../app/documents/document-format";
import { renderInvoicePdf } from "../../../app/documents/invoice-pdf";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { BuyerDocument } from "../../../app/domain/documents/buyer-document";
import type { StagePaymentTerms } from "../../../app/domain/documents/stage-payment-terms";
import { renderBuyerEmail } from "../../../app/emails/render-buyer-email.server";
import { paymentTermsWords, termsFormat } from "../../../app/locale/payment-terms-words";
import { portalContractOf } from "../../../app/services/buyer-portal/portal-view";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";
import { oneSpaced, readPdf } from "../../support/pdf-text";

const date = (text: string) => text as CalendarDate;

/** Payment 2 ($11,384.70, due 2027-02-03, invoiced): 2% off by 2027-02-13, then interest after a week's grace. */
const TERMS: StagePaymentTerms = {
  earlyPayment: {
    percent: "2",
    until: date("2027-02-13"),
    discount: 227_69n,
    payable: 11_157_01n,
    taxReduction: [{ title: "Texas State Tax", amount: 13_39n }],
  },
  lateFee: { kind: "interest", appliesFrom: date("2027-02-11"), percentPerMonth: "1.5", compound: false, onAmount: 11_384_70n, perMonth: 170_77n },
};

function withTerms(document: BuyerDocument, terms: StagePaymentTerms): BuyerDocument {
  const stages = document.contract.stages.map((stage) => (stage.position === 2 ? { ...stage, paymentTerms: terms } : stage));
  return { ...document, contract: { ...document.contract, stages } };
}

const EN = withTerms(BUYER_DOCUMENTS.depositPaidStageDue!, TERMS);
const SENTENCES = paymentTermsWords(TERMS, termsFormat("USD", "en-US"));

const stageEmail = (document: BuyerDocument, kind: "stageInvoice" | "overdue") =>
  renderBuyerEmail({ email: { kind, stagePosition: 2 }, document, text: { subject: null, intro: null } });

describe("a stage's early-payment offer and late-fee notice reach the buyer", () => {
  it("are the sentences the documents print", () => {
    expect(SENTENCES).toEqual([
      "Pay $11,157.01 by February 13, 2027 and save $227.69 (2% early-payment discount).",
      "Interest of 1.5% a month ($170.77) on the unpaid amount from February 11, 2027.",
    ]);
  });

  it("in the stage's invoice email, HTML and plain text", async () => {
    const { html, text } = await stageEmail(EN, "stageInvoice");
    for (const sentence of SENTENCES) {
      expect(html).toContain(sentence);
      expect(oneSpaced(text)).toContain(sentence);
    }
  });

  it("in German, in an overdue email", async () => {
    const german = withTerms(
      { ...BUYER_DOCUMENTS.stageOverdue!, locale: { ...BUYER_DOCUMENTS.stageOverdue!.locale, locale: "de-DE" } },
      { lateFee: TERMS.lateFee },
    );
    const { text } = await stageEmail(german, "overdue");
    expect(oneSpaced(text)).toContain(oneSpaced("Ab dem 11. Februar 2027 fallen auf den offenen Betrag Zinsen von 1,5 % pro Monat (170,77 $) an."));
  });

  it("not in an email about a stage without terms", async () => {
    const { text } = await stageEmail(BUYER_DOCUMENTS.depositPaidStageDue!, "stageInvoice");
    expect(text).not.toContain("early-payment");
    expect(text).not.toContain("Interest of");
  });

  it("on the stage's invoice PDF, under its due date", async () => {
    const content = await readPdf(await renderInvoicePdf(EN, 2));
    // A line may break after a word's hyphen ("early-" / "payment"): joined again, as a reader reads it.
    const pdfText = content.pages.join(" ").replace(/-\s+/g, "-");
    const format = documentFormat("en-US", "USD");
    for (const sentence of paymentTermsWords(TERMS, { locale: "en-US", ...format })) expect(pdfText).toContain(oneSpaced(sentence));
    expect(pdfText.indexOf("early-payment")).toBeGreaterThan(pdfText.indexOf(format.date(date("2027-02-03"))));
  });

  it("in the portal, on the stage's row only", () => {
    const portal = portalContractOf(EN);
    expect(portal.stages.map((stage) => stage.terms)).toEqual([[], SENTENCES, []]);
  });

  it.each([
    ["within the offer: the discounted amount, with the offer's terms", "2027-02-13", "$11,157.01", true],
    ["after its last day: the full amount", "2027-02-14", "$11,384.70", false],
  ])("in the saved-card charge notice, a charge %s", async (_name, chargeOn, amount, withOffer) => {
    const { subject, text } = await renderBuyerEmail({
      email: { kind: "chargeUpcoming", stagePosition: 2, chargeOn: date(chargeOn) },
      document: EN,
      text: { subject: null, intro: null },
    });
    expect(subject).toContain(`${amount} will be charged`);
    expect(oneSpaced(text)).toContain(`Will be charged ${amount} on`);
    expect(oneSpaced(text).includes(SENTENCES[0]!)).toBe(withOffer);
  });
});
