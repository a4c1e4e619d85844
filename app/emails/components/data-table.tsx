import type { CSSProperties, ReactNode } from "react";
import type { EmailContext } from "../email-context";
import { cell } from "./styles";

export interface DataColumn {
  readonly header: string;
  readonly align?: "left" | "right";
}

export interface DataRow {
  readonly key: string | number;
  readonly cells: readonly ReactNode[];
  /** Marks the row the email is about, with the accent color. */
  readonly current?: boolean;
}

/**
 * A table of data with header cells. react-email's Row and Column lay out (role="presentation", only <td>), which
 * hides a schedule's column headers from screen readers; this is the one real table, named by the heading before it.
 * `data-text-format` makes the plain-text part print it as aligned columns.
 */
export function DataTable({
  context,
  columns,
  rows,
}: {
  readonly context: EmailContext;
  readonly columns: readonly DataColumn[];
  readonly rows: readonly DataRow[];
}) {
  const { colors } = context;
  const alignOf = (index: number): CSSProperties => ({
    textAlign: columns[index]?.align ?? "left",
    whiteSpace: columns[index]?.align === "right" ? "nowrap" : "normal",
  });
  return (
    <table data-text-format="dataTable" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 16px" }}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" style={{ ...cell, ...alignOf(index), backgroundColor: colors.primary, color: colors.onPrimary, fontWeight: 600 }}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((content, index) => (
              <td
                key={index}
                style={{
                  ...cell,
                  ...alignOf(index),
                  ...(row.current ? { fontWeight: 600, ...(index === 0 ? { borderLeft: `4px solid ${colors.accent}` } : {}) } : {}),
                }}
              >
                {content}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
