import type { ReactNode } from "react";

/** One column: its heading, how a cell is labelled on a phone, how it aligns, and what its cell and total show. */
export interface StackingColumn<Row> {
  readonly heading: string;
  /** The cell's label when the row stacks on a phone; the heading when not given. */
  readonly label?: string;
  /** "numeric": right-aligned digits that never break; "end": right-aligned text (several lines of money). */
  readonly align?: "numeric" | "end";
  readonly cell: (row: Row) => ReactNode;
  /** The column's figure in the totals row, if the table has one, and its label on a phone ("Total"). */
  readonly total?: { readonly value: ReactNode; readonly label: string };
}

interface StackingTableProps<Row> {
  /** The table's accessible name. */
  readonly label: string;
  readonly columns: readonly StackingColumn<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string | number;
  /** Words in the first column of the totals row ("Total"), shown on a desktop only; no totals row without it. */
  readonly totalLabel?: string;
}

const ALIGN_CLASS = { numeric: "tranche-stacking-table__numeric", end: "tranche-stacking-table__end" } as const;

/**
 * A table whose every column stays in view: on a desktop its cells wrap rather than scroll, on a phone each row is a
 * block of labelled lines (stacking-table.css, linked by app.tsx). Roles are explicit, as a table laid out as blocks
 * may lose them.
 */
export function StackingTable<Row>({ label, columns, rows, rowKey, totalLabel }: StackingTableProps<Row>) {
  const alignOf = (column: StackingColumn<Row>) => (column.align ? ALIGN_CLASS[column.align] : undefined);
  return (
    <table className="tranche-stacking-table" role="table" aria-label={label}>
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((column) => (
            <th key={column.heading} role="columnheader" scope="col" className={alignOf(column)}>
              {column.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr role="row" key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.heading} role="cell" data-label={column.label ?? column.heading} className={alignOf(column)}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {totalLabel ? (
        <tfoot role="rowgroup">
          <tr role="row">
            {columns.map((column, index) =>
              column.total !== undefined ? (
                <td key={column.heading} role="cell" data-label={column.total.label} className={alignOf(column)}>
                  {column.total.value}
                </td>
              ) : index === 1 ? (
                <td key={column.heading} role="cell" className="tranche-stacking-table__wide-only">
                  {totalLabel}
                </td>
              ) : (
                <td key={column.heading} role="cell" />
              ),
            )}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
