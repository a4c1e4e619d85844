import type { Branding, Buyer, Seller } from "../domain/documents/buyer-document";
import { FONT, PAGE, textHeight, writeText, type Pdf } from "./pdf-page";

/** The pieces both PDFs share: the header (brand, title, facts, seller and buyer), section headings, amount rows. */

export interface DocumentHeading {
  readonly title: string;
  /** A line under the title, as "Payment 2 of 3 · Milestone payment". */
  readonly subtitle: string | null;
  /** Label and value: issue date, order, period. */
  readonly facts: readonly (readonly [label: string, value: string])[];
}

export interface HeaderParties {
  readonly seller: Seller;
  readonly buyer: Buyer;
  readonly sellerLabel: string;
  readonly buyerLabel: string;
}

const LOGO = { width: 150, height: 48 };
const RIGHT_COLUMN = { x: PAGE.margin + PAGE.contentWidth - 260, width: 260 };
const FACT_LABEL_WIDTH = 105;
const PARTY_WIDTH = PAGE.contentWidth / 2 - 15;

/** Draws the first page's header; returns the y below it. */
export function drawDocumentHeader(pdf: Pdf, heading: DocumentHeading, parties: HeaderParties, color: string): number {
  const brandBottom = drawBrand(pdf, parties.seller.branding, color);
  const headingBottom = drawHeading(pdf, heading, color);
  const partiesTop = Math.max(brandBottom, headingBottom) + 22;
  const sellerBottom = drawParty(pdf, parties.sellerLabel, parties.seller.name, [...parties.seller.address, parties.seller.email], PAGE.margin, partiesTop);
  const buyerBottom = drawParty(
    pdf,
    parties.buyerLabel,
    parties.buyer.name,
    [parties.buyer.email, ...parties.buyer.address],
    PAGE.margin + PAGE.contentWidth - PARTY_WIDTH,
    partiesTop,
  );
  return Math.max(sellerBottom, buyerBottom) + 24;
}

/** The logo, when there is one pdfkit can read, and the sender's name under it. */
function drawBrand(pdf: Pdf, branding: Branding, color: string): number {
  let y = PAGE.margin;
  if (branding.logo !== null && drawLogo(pdf, branding.logo.data, y)) y += LOGO.height + 8;
  pdf.font(FONT.bold).fontSize(12).fillColor(color);
  writeText(pdf, branding.senderName, PAGE.margin, y, { width: LOGO.width + 60 });
  return y + textHeight(pdf, branding.senderName, LOGO.width + 60);
}

/** A logo the image decoder refuses (a corrupt upload) must not keep the buyer from their invoice: it is left out. */
function drawLogo(pdf: Pdf, data: Uint8Array, y: number): boolean {
  try {
    pdf.image(Buffer.from(data.buffer, data.byteOffset, data.byteLength), PAGE.margin, y, { fit: [LOGO.width, LOGO.height] });
    return true;
  } catch {
    return false;
  }
}

function drawHeading(pdf: Pdf, heading: DocumentHeading, color: string): number {
  const { x, width } = RIGHT_COLUMN;
  let y = PAGE.margin;
  pdf.font(FONT.bold).fontSize(20).fillColor(color);
  writeText(pdf, heading.title, x, y, { width, align: "right" });
  y += textHeight(pdf, heading.title, width) + 4;
  if (heading.subtitle !== null) {
    pdf.font(FONT.bold).fontSize(11).fillColor(PAGE.textColor);
    writeText(pdf, heading.subtitle, x, y, { width, align: "right" });
    y += textHeight(pdf, heading.subtitle, width) + 6;
  }
  pdf.fontSize(9);
  for (const [label, value] of heading.facts) {
    pdf.font(FONT.regular).fillColor(PAGE.mutedColor);
    writeText(pdf, label, x, y, { width: FACT_LABEL_WIDTH });
    const labelHeight = textHeight(pdf, label, FACT_LABEL_WIDTH);
    pdf.fillColor(PAGE.textColor);
    writeText(pdf, value, x + FACT_LABEL_WIDTH, y, { width: width - FACT_LABEL_WIDTH, align: "right" });
    y += Math.max(labelHeight, textHeight(pdf, value, width - FACT_LABEL_WIDTH)) + 2;
  }
  return y;
}

function drawParty(pdf: Pdf, label: string, name: string | null, lines: readonly (string | null)[], x: number, top: number): number {
  let y = top;
  pdf.font(FONT.regular).fontSize(8).fillColor(PAGE.mutedColor);
  writeText(pdf, label, x, y, { width: PARTY_WIDTH });
  y += textHeight(pdf, label, PARTY_WIDTH) + 3;
  pdf.fillColor(PAGE.textColor);
  if (name !== null) {
    pdf.font(FONT.bold).fontSize(10);
    writeText(pdf, name, x, y, { width: PARTY_WIDTH });
    y += textHeight(pdf, name, PARTY_WIDTH) + 1;
  }
  pdf.font(FONT.regular).fontSize(9);
  for (const line of lines) {
    if (line === null || line === "") continue;
    writeText(pdf, line, x, y, { width: PARTY_WIDTH });
    y += textHeight(pdf, line, PARTY_WIDTH);
  }
  return y;
}

/** A section's title in the brand's colour; returns the y below it. */
export function drawSectionHeading(pdf: Pdf, text: string, y: number, color: string): number {
  pdf.font(FONT.bold).fontSize(12).fillColor(color);
  writeText(pdf, text, PAGE.margin, y, { width: PAGE.contentWidth });
  return y + textHeight(pdf, text, PAGE.contentWidth) + 6;
}

export interface AmountRow {
  readonly label: string;
  /** Null for a note under the row before (a tax line the amount includes). */
  readonly value: string | null;
  readonly emphasis?: "strong" | "note";
}

const AMOUNT_VALUE_WIDTH = 130;
const NOTE_INDENT = 12;

/** Label on the left, value on the right, within `width` from `x`; returns the y below the rows. */
export function drawAmountRows(pdf: Pdf, rows: readonly AmountRow[], x: number, y: number, width: number, color: string): number {
  for (const row of rows) {
    const height = amountRowHeight(pdf, row, width);
    const labelX = row.emphasis === "note" ? x + NOTE_INDENT : x;
    writeText(pdf, row.label, labelX, y, { width: amountLabelWidth(row, width) });
    if (row.value !== null) {
      if (row.emphasis === "strong") pdf.fillColor(color);
      writeText(pdf, row.value, x + width - AMOUNT_VALUE_WIDTH, y, { width: AMOUNT_VALUE_WIDTH, align: "right" });
    }
    y += height;
  }
  return y;
}

/** The height `drawAmountRows` takes, to keep a block of rows on one page. */
export function amountRowsHeight(pdf: Pdf, rows: readonly AmountRow[], width: number): number {
  return rows.reduce((sum, row) => sum + amountRowHeight(pdf, row, width), 0);
}

/** Sets the row's font and colour and measures it, gap below included. */
function amountRowHeight(pdf: Pdf, row: AmountRow, width: number): number {
  const note = row.emphasis === "note";
  pdf
    .font(row.emphasis === "strong" ? FONT.bold : FONT.regular)
    .fontSize(note ? 8.5 : 10)
    .fillColor(note ? PAGE.mutedColor : PAGE.textColor);
  const labelHeight = textHeight(pdf, row.label, amountLabelWidth(row, width));
  const valueHeight = row.value === null ? 0 : textHeight(pdf, row.value, AMOUNT_VALUE_WIDTH);
  return Math.max(labelHeight, valueHeight) + (note ? 2 : 5);
}

/** A row without a value (a note) takes the whole width. */
function amountLabelWidth(row: AmountRow, width: number): number {
  return width - (row.value === null ? 0 : AMOUNT_VALUE_WIDTH + 10) - (row.emphasis === "note" ? NOTE_INDENT : 0);
}
