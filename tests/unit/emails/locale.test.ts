import { describe, expect, it } from "vitest";
import type { BuyerDocument } from "../../../app/domain/documents/buyer-document";
import { defaultTemplateText } from "../../../app/emails/template-text";
import { renderBuyerEmail } from "../../../app/emails/render-buyer-email.server";
import { formatCalendarDate, formatMoney } from "../../../app/locale/format";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";
import { EMAIL_CASES, renderCase } from "./email-cases";

/** Words each language's subjects use and English's do not, and English's own. */
const LANGUAGES = [
  { fixture: "yenGerman", lang: "de-DE", words: /Zahlung|Bestellung|Erstattung|Zahlungsplan/ },
  { fixture: "euroFrench", lang: "fr-FR", words: /paiement|commande|remboursement|échéancier/i },
] as const;
const ENGLISH = /\b(payment|order|due|refund|schedule)\b/i;

describe.each(LANGUAGES)("emails for the $fixture buyer", ({ fixture, lang, words }) => {
  const cases = EMAIL_CASES.filter((emailCase) => emailCase.fixture === fixture);

  it.each(cases)("$name: subject and body in the buyer's language, money and dates the buyer's way", async (emailCase) => {
    const { subject, html, text } = await renderCase(emailCase);
    const { document, stage } = emailCase;
    expect(subject).toMatch(words);
    expect(subject).not.toMatch(ENGLISH);
    expect(html).toContain(`lang="${lang}"`);
    const total = formatMoney(document.contract.totalMinor, document.contract.currency, document.locale.locale);
    expect(html).toContain(total);
    expect(text).toContain(total);
    if (stage?.dueDate) expect(text).toContain(formatCalendarDate(stage.dueDate, document.locale.locale));
  });
});

describe("money in the buyer's locale", () => {
  it("writes yen without decimals the German way and euros the French way", async () => {
    const german = await renderBuyerEmail({
      email: { kind: "stageInvoice", stagePosition: 2 },
      document: BUYER_DOCUMENTS.yenGerman!,
      text: { subject: null, intro: null },
    });
    expect(german.subject).toBe(`Zahlung 2 von 2 für Bestellung #1002 — ${formatMoney(70_001n, "JPY", "de-DE")}, fällig 4. Februar 2027`);
    expect(formatMoney(70_001n, "JPY", "de-DE")).toMatch(/^70\.001\s¥$/);
    const french = await renderBuyerEmail({
      email: { kind: "stageInvoice", stagePosition: 2 },
      document: BUYER_DOCUMENTS.euroFrench!,
      text: { subject: null, intro: null },
    });
    expect(french.text).toContain(formatMoney(400_00n, "EUR", "fr-FR"));
    expect(formatMoney(400_00n, "EUR", "fr-FR")).toMatch(/^400,00\s€$/);
  });

  it("writes to a buyer in a language without messages in English, with money in their locale", async () => {
    const base = BUYER_DOCUMENTS.euroFrench!;
    const spanish: BuyerDocument = { ...base, locale: { ...base.locale, locale: "es-ES" } };
    const { subject, html } = await renderBuyerEmail({
      email: { kind: "stageInvoice", stagePosition: 2 },
      document: spanish,
      text: { subject: null, intro: null },
    });
    expect(subject).toContain("Payment 2 of 2 for order #1002");
    expect(subject).toContain(formatMoney(2_400_00n, "EUR", "es-ES"));
    expect(html).toContain('lang="en"');
  });

  it("takes a regional locale's messages from its language", async () => {
    const base = BUYER_DOCUMENTS.yenGerman!;
    const austrian: BuyerDocument = { ...base, locale: { ...base.locale, locale: "de_AT" } };
    const { subject, html } = await renderBuyerEmail({
      email: { kind: "overdue", stagePosition: 2 },
      document: austrian,
      text: { subject: null, intro: null },
    });
    expect(subject).toMatch(/^Überfällig: Zahlung 2 von 2/);
    expect(html).toContain('lang="de-AT"');
  });

  it("offers the defaults in each language for the settings page", () => {
    expect(defaultTemplateText("stageInvoice", "de-DE").subject).toMatch(/^Zahlung \{position\} von \{count\}/);
    expect(defaultTemplateText("stageInvoice", "fr").intro).toMatch(/^Le paiement \{position\} sur \{count\}/);
    expect(defaultTemplateText("reminder", "en", "onDueDate").subject).toMatch(/^Due today/);
    expect(defaultTemplateText("refundIssued", "xx-invalid-").subject).toBe("Refund of {amount} for order {order}");
  });
});
