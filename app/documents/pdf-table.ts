import { ensureSpace, FONT, PAGE, textHeight, writeText, type Pdf } from "./pdf-page";

/** A table across the page's width whose rows grow with their text; its head is drawn again on every page it runs onto. */

export interface TableColumn {
  readonly header: string;
  /** A share of the page's width, relative to the other columns'. */
  readonly weight: number;
  readonly align?: "left" | "right";
}

export interface TableRow {
  readonly cells: readonly string[];
  readonly strong?: boolean;
}

const FONT_SIZE = 8.5;
const PADDING = { x: 4, y: 4 };
/** A cell's text is cut (with "…") beyond this, so that one row never outgrows a page. */
const MAX_TEXT_HEIGHT = 150;

/** Draws the table from `top` (on a new page if not even its head and first row fit); returns the y below it. */
export function drawTable(pdf: Pdf, columns: readonly TableColumn[], rows: readonly TableRow[], top: number, color: string): number {
  const widths = columnWidths(columns);
  const head: TableRow = { cells: columns.map((column) => column.header), strong: true };
  const drawHead = (y: number) => drawRow(pdf, head, columns, widths, y, color);
  const headAndFirstRow = rowHeight(pdf, head, widths) + (rows[0] === undefined ? 0 : rowHeight(pdf, rows[0], widths));
  let y = drawHead(ensureSpace(pdf, top, headAndFirstRow));
  for (const row of rows) {
    if (y + rowHeight(pdf, row, widths) > PAGE.contentBottom) {
      pdf.addPage();
      y = drawHead(PAGE.margin);
    }
    y = drawRow(pdf, row, columns, widths, y, null);
  }
  return y;
}

function columnWidths(columns: readonly TableColumn[]): number[] {
  const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
  return columns.map((column) => (PAGE.contentWidth * column.weight) / totalWeight);
}

/** Sets the row's font and measures it. */
function rowHeight(pdf: Pdf, row: TableRow, widths: readonly number[]): number {
  pdf.font(row.strong === true ? FONT.bold : FONT.regular).fontSize(FONT_SIZE);
  const tallest = Math.max(...row.cells.map((cell, index) => textHeight(pdf, cell, (widths[index] ?? 0) - 2 * PADDING.x)));
  return Math.min(tallest, MAX_TEXT_HEIGHT) + 2 * PADDING.y;
}

/** A head row when `headColor` is given (white on the brand's colour), a body row with a rule below otherwise. */
function drawRow(pdf: Pdf, row: TableRow, columns: readonly TableColumn[], widths: readonly number[], y: number, headColor: string | null): number {
  const height = rowHeight(pdf, row, widths);
  if (headColor !== null) pdf.rect(PAGE.margin, y, PAGE.contentWidth, height).fill(headColor);
  pdf.fillColor(headColor !== null ? "#ffffff" : PAGE.textColor);
  let x = PAGE.margin;
  row.cells.forEach((cell, index) => {
    const width = widths[index] ?? 0;
    writeText(pdf, cell, x + PADDING.x, y + PADDING.y, { width: width - 2 * PADDING.x, height: MAX_TEXT_HEIGHT, align: columns[index]?.align ?? "left" });
    x += width;
  });
  if (headColor === null) {
    pdf
      .moveTo(PAGE.margin, y + height)
      .lineTo(PAGE.margin + PAGE.contentWidth, y + height)
      .lineWidth(0.5)
      .strokeColor(PAGE.ruleColor)
      .stroke();
  }
  return y + height;
}
