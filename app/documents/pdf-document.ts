import PDFDocument from "pdfkit";
import { startOfDayIn, type CalendarDate } from "../domain/dates/calendar-date";
import type { Branding } from "../domain/documents/buyer-document";
import { supportedLocale } from "../locale/format";
import { FONT, PAGE, writeText, type Pdf } from "./pdf-page";

export interface PdfDescription {
  readonly title: string;
  readonly subject: string;
  /** The seller's name. */
  readonly author: string;
  /** BCP 47, the buyer's. */
  readonly language: string;
  /** The day the document is of: its creation date is that day's start in the shop's zone, so output is reproducible. */
  readonly createdOn: CalendarDate;
  readonly timeZone: string;
}

export interface PdfFooter {
  readonly text: string;
  readonly pageOf: (page: number, count: number) => string;
}

/** Writes a PDF: `draw` lays out its pages, then every page gets the footer and its number. */
export async function writePdf(description: PdfDescription, footer: PdfFooter, draw: (pdf: Pdf) => void): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    lang: supportedLocale(description.language),
    displayTitle: true,
    font: FONT.regular,
    info: {
      Title: description.title,
      Subject: description.subject,
      Author: description.author,
      Creator: "Tranche",
      CreationDate: startOfDayIn(description.createdOn, description.timeZone),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on("end", resolve);
    pdf.on("error", reject);
  });

  draw(pdf);
  drawFooters(pdf, footer);
  pdf.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function drawFooters(pdf: Pdf, footer: PdfFooter): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    pdf.font(FONT.regular).fontSize(7.5).fillColor(PAGE.mutedColor);
    const y = PAGE.height - PAGE.margin + 14;
    writeText(pdf, footer.text, PAGE.margin, y, { width: PAGE.contentWidth - 90, height: 24 });
    writeText(pdf, footer.pageOf(index - start + 1, count), PAGE.width - PAGE.margin - 80, y, { width: 80, align: "right" });
  }
}

/** The brand's primary colour for headings and table heads; a dark grey when the setting is not #rrggbb. */
export function headingColor(branding: Branding): string {
  return /^#[0-9a-f]{6}$/i.test(branding.primaryColor) ? branding.primaryColor : "#333333";
}
