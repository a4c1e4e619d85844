import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { documentFormat } from "../../../app/documents/document-format";
import { documentMessagesFor } from "../../../app/documents/document-messages";
import { renderInvoicePdf } from "../../../app/documents/invoice-pdf";
import type { CalendarDate } from "../../../app/domain/dates/calendar-date";
import type { BuyerDocument, BuyerStage } from "../../../app/domain/documents/buyer-document";
import { BUYER_DOCUMENTS } from "../../support/buyer-document-fixtures";
import { RENDERS_DIR, savePdfWithRenders, type SavedRender } from "../../support/pdf-renders";
import { oneSpaced, readPdf, type PdfContent } from "../../support/pdf-text";

interface RenderedInvoice {
  readonly name: string;
  readonly document: BuyerDocument;
  readonly stage: BuyerStage;
  pdf: Uint8Array;
  content: PdfContent;
  saved: SavedRender;
}

/** Every invoiced stage of every fixture, rendered once for all the tests below. */
const INVOICES: RenderedInvoice[] = Object.entries(BUYER_DOCUMENTS).flatMap(([name, document]) =>
  document.contract.stages
    .filter((stage) => stage.invoiceNumber !== null)
    .map((stage) => ({ name: `${name}, payment ${stage.position}`, document, stage }) as RenderedInvoice),
);

const invoice = (fixture: string, position: number) => {
  const found = INVOICES.find((candidate) => candidate.name === `${fixture}, payment ${position}`);
  if (found === undefined) throw new Error(`no invoice ${fixture}, payment ${position}`);
  return found;
};
const textOf = (rendered: RenderedInvoice) => rendered.content.pages.join(" ");

beforeAll(async () => {
  await Promise.all(
    INVOICES.map(async (rendered) => {
      rendered.pdf = await renderInvoicePdf(rendered.document, rendered.stage.position);
      rendered.content = await readPdf(rendered.pdf);
      rendered.saved = await savePdfWithRenders(`invoice-${rendered.name.replace(/\W+/g, "-")}`, rendered.pdf);
    }),
  );
});

describe("renderInvoicePdf: every invoiced stage of every fixture", () => {
  it.each(INVOICES)("$name: number, payment count, amount, each tax line, paid, due and when", (rendered) => {
    const { document, stage } = rendered;
    const messages = documentMessagesFor(document.locale.locale);
    const format = documentFormat(document.locale.locale, document.contract.currency);
    const money = (minor: bigint) => oneSpaced(format.money(minor));
    const text = textOf(rendered);

    expect(text).toContain(oneSpaced(messages.invoiceTitle(stage.invoiceNumber ?? "")));
    // Spelled out here: the count is the plan's stages; a late fee is named by its title and not numbered.
    const planStages = document.contract.stages.filter((candidate) => candidate.kind !== "lateFee").length;
    expect(text).toContain(stage.kind === "lateFee" ? oneSpaced(stage.title) : messages.paymentOf(stage.position, planStages));
    if (planStages < document.contract.stages.length) expect(text).not.toContain(messages.paymentOf(stage.position, document.contract.stages.length));
    expect(text).toContain(`${messages.stageAmount} ${money(stage.amountMinor)}`);
    for (const tax of stage.taxLines) expect(text).toContain(oneSpaced(messages.includesTax(tax.title, format.money(tax.amountMinor))));
    expect(text).toContain(`${messages.paidSoFar} ${money(stage.paidMinor)}`);
    expect(text).toContain(`${messages.amountDue} ${money(stage.owedMinor)}`);
    expect(text).toContain(`${messages.dueDate} ${stage.dueDate === null ? stage.waitsFor : format.date(stage.dueDate)}`);
    expect(text).toContain(`${messages.outstanding} ${money(document.contract.outstandingMinor)}`);
  });

  it.each(INVOICES)("$name: the schedule lists every stage with its amount and state", (rendered) => {
    const messages = documentMessagesFor(rendered.document.locale.locale);
    const format = documentFormat(rendered.document.locale.locale, rendered.document.contract.currency);
    for (const stage of rendered.document.contract.stages) {
      expect(textOf(rendered)).toContain(oneSpaced(`${stage.title}`));
      expect(textOf(rendered)).toContain(oneSpaced(`${format.money(stage.amountMinor)} ${format.money(stage.paidMinor)} ${messages.stageStates[stage.state]}`));
    }
  });

  it.each(INVOICES)("$name: saved as PDF and one non-empty PNG per page", (rendered) => {
    expect(rendered.saved.pngs).toHaveLength(rendered.content.pages.length);
    for (const png of rendered.saved.pngs) expect(png.bytes).toBeGreaterThan(1_000);
  });
});

describe("renderInvoicePdf: what the buyer reads", () => {
  it("English: the invoice of payment 2 of 3 with its tax, due date and the stage that waits for shipping (its words as given)", () => {
    const text = textOf(invoice("depositPaidStageDue", 2));
    for (const expected of [
      "Invoice TR-000004",
      "Payment 2 of 3 · Milestone payment",
      "Issue date January 20, 2027",
      "Order #1002",
      "Quote #D1",
      "Amount of this payment $11,384.70 includes Texas State Tax $669.69",
      "Paid so far $0.00",
      "Amount due $11,384.70",
      "Due date February 3, 2027",
      "3 Balance on shipping shipping $4,553.87 $0.00 Scheduled",
      "Total $22,769.39 includes Texas State Tax $1,339.37",
      "Outstanding $15,938.57",
      "Oak & Iron Furniture · 12 Mill Lane · Austin, TX 78701",
      "Page 1 of 1",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("English: a part-paid stage shows what was paid and what is left", () => {
    expect(textOf(invoice("partlyPaid", 2))).toContain("Paid so far $5,000.00 Amount due $6,384.70");
  });

  it("German, yen: no decimals, German labels, dates and states", () => {
    const text = textOf(invoice("yenGerman", 2));
    for (const expected of [
      "Rechnung TR-000011",
      "Zahlung 2 von 2 · Restzahlung",
      "Rechnungsdatum 20. Januar 2027",
      "Betrag dieser Zahlung 70.001 ¥ enthält USt 10% 6.364 ¥",
      "Bisher bezahlt 0 ¥",
      "Offener Betrag 70.001 ¥",
      "Fälligkeit 4. Februar 2027",
      "Zahlungsplan",
      "1 Anzahlung 4. Januar 2027 50.000 ¥ 50.000 ¥ Bezahlt",
      "Noch offen 70.001 ¥",
      "Seite 1 von 1",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("French, euro: French labels, no-break spaces in amounts", () => {
    const text = textOf(invoice("euroFrench", 2));
    for (const expected of [
      "Facture TR-000021",
      "Paiement 2 sur 2 · Solde",
      "Date d’émission 20 janvier 2027",
      "Montant de ce paiement 2 400,00 € dont TVA 20 % 400,00 €",
      "Déjà payé 0,00 €",
      "Montant dû 2 400,00 €",
      "Échéance 4 février 2027",
      "Échéancier",
      "2 Solde 4 février 2027 2 400,00 € 0,00 € À payer",
      "Page 1 sur 1",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("hostile text a merchant or buyer typed is shown literally", () => {
    const text = textOf(invoice("hostileText", 2));
    for (const expected of [
      `<script>alert("2")</script> & "stage"`,
      `<img src=x onerror=alert(1)> O'Brien & Sons`,
      "<b>bold</b> street",
      "Shop <i>&amp;</i>",
      `"Evil" <x@y>`,
      `<a href="javascript:alert(1)">click</a>`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("a late fee's invoice: named by its title, not numbered, in the heading, the metadata and the schedule", () => {
    const rendered = invoice("lateFeeCharged", 1002);
    const text = textOf(rendered);
    for (const expected of [
      "Invoice TR-000005",
      "Late fee on payment 2 of 3 (Milestone payment) Issue date February 10, 2027",
      "Amount of this payment $40.00 Paid so far $0.00 Amount due $40.00 Due date February 24, 2027",
      "2 Milestone payment February 3, 2027 $11,384.70 $0.00 Overdue",
      "Late fee on payment 2 of 3 (Milestone payment) February 24, 2027 $40.00 $0.00 Due",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/Payment 1002|1002 Late fee| of 4\b/);
    expect(rendered.content.info.Subject).toBe("Late fee on payment 2 of 3 (Milestone payment) · #1002");
  });

  it("the invoice of a plan's payment beside a late fee counts the plan's stages: payment 2 of 3", () => {
    const text = textOf(invoice("lateFeeCharged", 2));
    expect(text).toContain("Payment 2 of 3 · Milestone payment");
    expect(text).toContain("Late fee on payment 2 of 3 (Milestone payment) February 24, 2027 $40.00");
    expect(text).not.toMatch(/ of 4\b/);
  });

  it("German: the fee's invoice by its title, payment 2 of 3 in the schedule", () => {
    const text = textOf(invoice("lateFeeGerman", 1002));
    expect(text).toContain("Rechnung TR-000032");
    expect(text).toContain("Verzugszinsen für Zahlung 2 von 3 (Zwischenzahlung), 2. Februar 2027 bis 11. Februar 2027");
    expect(text).toContain("2 Zwischenzahlung 1. Februar 2027");
    expect(text).not.toMatch(/Zahlung 1002|von 4\b|1002 Verzugszinsen/);
    expect(textOf(invoice("lateFeeGerman", 2))).toContain("Zahlung 2 von 3 · Zwischenzahlung");
  });

  it("a cancelled contract's invoice shows the refund and the states", () => {
    const text = textOf(invoice("cancelledRefunded", 1));
    expect(text).toContain("Refunded $6,830.82");
    expect(text).toContain("1 Deposit January 4, 2027 $6,830.82 $6,830.82 Refunded");
    expect(text).toContain("$11,384.70 $0.00 Cancelled");
  });
});

describe("renderInvoicePdf: the file", () => {
  const depositPaid = BUYER_DOCUMENTS.depositPaidStageDue as BuyerDocument;

  it("metadata: title, seller as author, the buyer's language, created at the issue day's start in the shop's zone", () => {
    expect(invoice("depositPaidStageDue", 2).content.info).toMatchObject({
      Title: "Invoice TR-000004",
      Author: "Oak & Iron Furniture",
      Subject: "Payment 2 of 3 · #1002",
      Language: "en-US",
      CreationDate: "D:20270120060000Z",
    });
  });

  it("is reproducible: the same document gives the same bytes", async () => {
    expect(await renderInvoicePdf(depositPaid, 2)).toEqual(invoice("depositPaidStageDue", 2).pdf);
  });

  it("an issue date passed in (the stage's stored one) is the date shown and the creation date", async () => {
    const content = await readPdf(await renderInvoicePdf(depositPaid, 2, { issuedOn: "2027-01-05" as CalendarDate }));
    expect(content.pages[0]).toContain("Issue date January 5, 2027");
    expect(content.info.CreationDate).toBe("D:20270105060000Z");
  });

  it("refuses a stage without an invoice number, and a stage the contract does not have", async () => {
    await expect(renderInvoicePdf(depositPaid, 3)).rejects.toThrow(
      "payment 3 of contract ctr_1 has no invoice number: only an invoiced stage has an invoice PDF",
    );
    await expect(renderInvoicePdf(depositPaid, 4)).rejects.toThrow("contract ctr_1 has no stage at position 4");
  });

  it("characters Helvetica cannot write become '?' or lose their mark, and a symbol it lacks becomes the currency code", async () => {
    const document: BuyerDocument = {
      ...depositPaid,
      buyer: { ...depositPaid.buyer, name: "王小明 😀 Łukasz Wałęsa" },
      contract: { ...depositPaid.contract, currency: "INR" },
      locale: { ...depositPaid.locale, locale: "en-IN" },
    };
    const text = (await readPdf(await renderInvoicePdf(document, 2))).pages.join(" ");
    expect(text).toContain("??? ? ?ukasz Wa?esa");
    expect(text).toContain("Amount of this payment INR 11,384.70");
  });

  it("embeds a JPEG logo, and leaves out a logo the decoder refuses", async () => {
    const thumbnail = join(RENDERS_DIR, "logo-thumbnail");
    await promisify(execFile)("pdftoppm", ["-jpeg", "-r", "3", "-singlefile", invoice("depositPaidStageDue", 2).saved.pdfPath, thumbnail]);
    const jpeg = new Uint8Array(await readFile(`${thumbnail}.jpg`));
    const withLogo = (data: Uint8Array, contentType: "image/png" | "image/jpeg"): BuyerDocument => ({
      ...depositPaid,
      seller: { ...depositPaid.seller, branding: { ...depositPaid.seller.branding, logo: { url: "https://tranche.test/logo", data, contentType } } },
    });
    const asText = (pdf: Uint8Array) => Buffer.from(pdf).toString("latin1");

    expect(asText(await renderInvoicePdf(withLogo(jpeg, "image/jpeg"), 2))).toContain("/DCTDecode");
    const corrupt = await renderInvoicePdf(withLogo(Uint8Array.from([1, 2, 3]), "image/png"), 2);
    expect(asText(corrupt)).not.toContain("/Subtype /Image");
    expect((await readPdf(corrupt)).pages[0]).toContain("Invoice TR-000004");
  });
});
