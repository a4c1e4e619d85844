import { describe, expect, it } from "vitest";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { StagePaymentTerms } from "../../../app/domain/documents/stage-payment-terms";
import type { EarlyPaymentOffer } from "../../../app/domain/payment-rules/early-payment-discount";
import type { LateFeeNotice } from "../../../app/domain/payment-rules/late-fee";
import { earlyPaymentWords, lateFeeWords, paymentTermsWords, termsFormat } from "../../../app/locale/payment-terms-words";

const date = (text: string) => text as CalendarDate;
/** Intl separates thousands and symbols with no-break spaces (narrow in French): the tables are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

const OFFER: EarlyPaymentOffer = {
  percent: "2",
  until: date("2027-02-24"),
  discount: 23_00n,
  payable: 1_127_00n,
  taxReduction: [{ title: "VAT", amount: 3_83n }],
};
const FIXED: LateFeeNotice = { kind: "fixedFee", appliesFrom: date("2027-02-20"), fee: 25_00n };
const INTEREST: LateFeeNotice = {
  kind: "interest",
  appliesFrom: date("2027-02-15"),
  percentPerMonth: "1.5",
  compound: false,
  onAmount: 1_200_00n,
  perMonth: 18_00n,
};
const COMPOUND_CAPPED: LateFeeNotice = { ...INTEREST, compound: true, max: 100_00n };

describe("earlyPaymentWords", () => {
  it.each([
    ["en-US", "EUR", "Pay €1,127.00 by February 24, 2027 and save €23.00 (2% early-payment discount)."],
    ["en-GB", "GBP", "Pay £1,127.00 by 24 February 2027 and save £23.00 (2% early-payment discount)."],
    ["de-DE", "EUR", "Zahlen Sie 1.127,00 € bis zum 24. Februar 2027 und sparen Sie 23,00 € (2 % Skonto)."],
    ["fr-FR", "EUR", "Payez 1 127,00 € au plus tard le 24 février 2027 et économisez 23,00 € (escompte de 2 % pour paiement anticipé)."],
    ["es-ES", "EUR", "Pay 1127,00 € by 24 de febrero de 2027 and save 23,00 € (2 % early-payment discount)."],
  ])("%s %s", (locale, currency, expected) => {
    expect(plain(earlyPaymentWords(OFFER, termsFormat(currency, locale)))).toBe(expected);
  });
});

describe("lateFeeWords", () => {
  it.each([
    ["en-US", "fixed", FIXED, "A late fee of €25.00 applies from February 20, 2027 if unpaid."],
    ["de-DE", "fixed", FIXED, "Ab dem 20. Februar 2027 fällt bei Nichtzahlung eine Mahngebühr von 25,00 € an."],
    ["fr-FR", "fixed", FIXED, "Des frais de retard de 25,00 € s’appliquent à partir du 20 février 2027 en cas de non-paiement."],
    ["en-US", "interest", INTEREST, "Interest of 1.5% a month (€18.00) on the unpaid amount from February 15, 2027."],
    ["de-DE", "interest", INTEREST, "Ab dem 15. Februar 2027 fallen auf den offenen Betrag Zinsen von 1,5 % pro Monat (18,00 €) an."],
    ["fr-FR", "interest", INTEREST, "Des intérêts de 1,5 % par mois (18,00 €) s’appliquent au montant impayé à partir du 15 février 2027."],
    [
      "en-US",
      "compound_capped",
      COMPOUND_CAPPED,
      "Interest of 1.5% a month (€18.00) on the unpaid amount from February 15, 2027, added to the amount each month, at most €100.00 in all.",
    ],
    [
      "de-DE",
      "compound_capped",
      COMPOUND_CAPPED,
      "Ab dem 15. Februar 2027 fallen auf den offenen Betrag Zinsen von 1,5 % pro Monat (18,00 €) an, die monatlich dem Betrag zugeschlagen werden, insgesamt höchstens 100,00 €.",
    ],
    [
      "fr-FR",
      "compound_capped",
      COMPOUND_CAPPED,
      "Des intérêts de 1,5 % par mois (18,00 €) s’appliquent au montant impayé à partir du 15 février 2027, ajoutés au montant chaque mois, 100,00 € au plus au total.",
    ],
  ])("%s %s", (locale, _name, notice, expected) => {
    expect(plain(lateFeeWords(notice, termsFormat("EUR", locale)))).toBe(expected);
  });

  it("writes the rule's percent exactly, however many decimals it has", () => {
    const notice: LateFeeNotice = { ...INTEREST, percentPerMonth: "0.083333" };
    expect(lateFeeWords(notice, termsFormat("USD", "en-US"))).toContain("Interest of 0.083333% a month");
  });
});

describe("paymentTermsWords", () => {
  const format = termsFormat("USD", "en-US");
  it.each<[string, StagePaymentTerms, number]>([
    ["no terms", {}, 0],
    ["the offer alone", { earlyPayment: OFFER }, 1],
    ["the notice alone", { lateFee: FIXED }, 1],
    ["both", { earlyPayment: OFFER, lateFee: FIXED }, 2],
  ])("%s", (_name, terms, count) => {
    const sentences = paymentTermsWords(terms, format);
    expect(sentences).toHaveLength(count);
    if (terms.earlyPayment) expect(sentences[0]).toBe(earlyPaymentWords(terms.earlyPayment, format));
    if (terms.lateFee) expect(sentences.at(-1)).toBe(lateFeeWords(terms.lateFee, format));
  });

  it("formats with the formatter it is given (a PDF's, which may swap symbols)", () => {
    const sentences = paymentTermsWords({ lateFee: FIXED }, { locale: "en", money: (minor) => `INR ${minor}`, date: (day) => `<${day}>` });
    expect(sentences).toEqual(["A late fee of INR 2500 applies from <2027-02-20> if unpaid."]);
  });
});
