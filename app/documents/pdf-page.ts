import { winAnsiText } from "./win-ansi-text";

/** The primitives every PDF is drawn with: A4 geometry, fonts, colours, and text that is always WinAnsi. */

export type Pdf = PDFKit.PDFDocument;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;

export const PAGE = {
  ...A4,
  margin: MARGIN,
  contentWidth: A4.width - 2 * MARGIN,
  /** Content ends here; the footer lives below. */
  contentBottom: A4.height - MARGIN,
  textColor: "#1a1a1a",
  mutedColor: "#666666",
  ruleColor: "#d0d0d0",
} as const;

/** pdfkit's standard fonts: nothing to embed, WinAnsi only (see win-ansi-text.ts). */
export const FONT = { regular: "Helvetica", bold: "Helvetica-Bold" } as const;

export interface TextBox {
  readonly width: number;
  /** Where the text is cut off; defaults to the page's end. */
  readonly height?: number;
  readonly align?: "left" | "right" | "center";
}

/**
 * Writes text in the current font, wrapped to the box. The box always has a height, so pdfkit never starts a page on
 * its own: page breaks are the layout's (a table repeats its head on the next page).
 */
export function writeText(pdf: Pdf, text: string, x: number, y: number, box: TextBox): void {
  pdf.text(winAnsiText(text), x, y, { width: box.width, height: box.height ?? PAGE.height - y, align: box.align ?? "left", ellipsis: true, lineGap: 1 });
}

/** The height `writeText` takes for the text in the current font. */
export function textHeight(pdf: Pdf, text: string, width: number): number {
  return pdf.heightOfString(winAnsiText(text), { width, lineGap: 1 });
}

/** A new page when fewer than `height` points are left below `y`; the y to draw at. */
export function ensureSpace(pdf: Pdf, y: number, height: number): number {
  if (y + height <= PAGE.contentBottom) return y;
  pdf.addPage();
  return PAGE.margin;
}
