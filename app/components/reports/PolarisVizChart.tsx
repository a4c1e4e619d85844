import { BarChart, ComboChart, PolarisVizProvider } from "@shopify/polaris-viz";

import { useShopFormat } from "../shop-format-context";
import type { ChartSeries, ReportChartShape } from "./ReportChart";

/** The chart drawn by Polaris Viz; loaded on its own (ReportChart) so a report's table does not wait for it. */
export default function PolarisVizChart({ currency, shape }: { readonly currency: string; readonly shape: ReportChartShape }) {
  const format = useShopFormat();
  const money = (value: number | string | null) => (value === null ? "" : format.money(String(value), currency));
  const yAxisOptions = { labelFormatter: money };
  return (
    <PolarisVizProvider>
      {shape.kind === "columnsAndLine" ? (
        <ComboChart
          theme="Light"
          isAnimated={false}
          data={[
            { shape: "Bar", name: shape.columns[0]?.name, series: seriesData(shape.columns), yAxisOptions },
            { shape: "Line", name: shape.line[0]?.name, series: seriesData(shape.line), yAxisOptions },
          ]}
        />
      ) : (
        <BarChart
          theme="Light"
          isAnimated={false}
          data={seriesData(shape.series)}
          type={shape.kind === "stackedColumns" ? "stacked" : "default"}
          yAxisOptions={yAxisOptions}
          tooltipOptions={{ valueFormatter: money }}
        />
      )}
    </PolarisVizProvider>
  );
}

/** Amounts become numbers only here, as bar heights and line points: every figure staff read comes from the table. */
function seriesData(series: readonly ChartSeries[]) {
  return series.map(({ name, points }) => ({ name, data: points.map(({ label, amount }) => ({ key: label, value: Number(amount) })) }));
}
