import { withShopDates } from "../../locale/dates-in-text";
import { StackingTable } from "../StackingTable";
import { useShopFormat } from "../shop-format-context";

export interface AttachPreviewStage {
  readonly position: number;
  readonly title: string;
  /** Decimal strings in the order's currency. */
  readonly amount: string;
  /** "at checkout", "on 2027-01-20", "when “Ready to ship” is marked". */
  readonly when: string;
  readonly tax: readonly { readonly title: string; readonly amount: string }[];
}

interface AttachPreviewTableProps {
  readonly currency: string;
  readonly total: string;
  readonly stages: readonly AttachPreviewStage[];
}

/**
 * The schedule a plan gives the draft order, with the tax inside each stage (the figure the page promises), in the
 * shop's money and dates: all columns fit a desktop; on a phone each stage stacks.
 */
export function AttachPreviewTable({ currency, total, stages }: AttachPreviewTableProps) {
  const { money, date } = useShopFormat();
  return (
    <StackingTable
      label="Schedule under this plan"
      rows={stages}
      rowKey={(stage) => stage.position}
      totalLabel="Total"
      columns={[
        { heading: "#", label: "Stage no.", align: "numeric", cell: (stage) => stage.position },
        { heading: "Stage", cell: (stage) => stage.title },
        { heading: "Due", cell: (stage) => withShopDates(stage.when, date) },
        {
          heading: "Amount",
          align: "numeric",
          cell: (stage) => money(stage.amount, currency),
          total: { value: money(total, currency), label: "Total" },
        },
        {
          heading: "Tax in it",
          align: "end",
          cell: (stage) =>
            stage.tax.length === 0 ? (
              "None"
            ) : (
              <span>
                {stage.tax.map((line) => (
                  <span key={line.title} className="tranche-stacking-table__line">
                    {line.title} <span className="tranche-stacking-table__money">{money(line.amount, currency)}</span>
                  </span>
                ))}
              </span>
            ),
        },
      ]}
    />
  );
}
