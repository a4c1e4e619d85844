import { lazy, Suspense, useSyncExternalStore } from "react";

/** One series of a chart: amounts as decimal strings in major units, one per label of the x axis. */
export interface ChartSeries {
  readonly name: string;
  readonly points: readonly { readonly label: string; readonly amount: string }[];
}

export type ReportChartShape =
  | { readonly kind: "columns"; readonly series: readonly ChartSeries[] }
  | { readonly kind: "stackedColumns"; readonly series: readonly ChartSeries[] }
  /** Columns (recognised revenue) under a line (the deferred balance). */
  | { readonly kind: "columnsAndLine"; readonly columns: readonly ChartSeries[]; readonly line: readonly ChartSeries[] };

const CHART_HEIGHT = 320;

const PolarisVizChart = lazy(() => import("./PolarisVizChart"));

/**
 * A report's chart (Polaris Viz, Shopify's charts for the admin). Polaris Viz measures the page to draw (it reads
 * `window` while rendering), so it draws in the browser only, from its own chunk: the server renders a box of the
 * chart's height, so nothing shifts when it appears, and the report's table does not wait for the chart's code.
 * The table beside it holds every figure exactly, with a sentence saying what the chart shows: the chart is for the
 * eye only (inert: not focusable, hidden from screen readers, no hover tooltips). It is drawn at once, not
 * animated: what staff look at is the figures.
 */
export function ReportChart({ title, currency, shape }: { readonly title: string; readonly currency: string; readonly shape: ReportChartShape }) {
  const inBrowser = useSyncExternalStore(neverChanges, inTheBrowser, onTheServer);
  return (
    <figure style={{ height: CHART_HEIGHT, margin: 0 }} aria-label={title} data-report-chart={shape.kind}>
      {/* inert: Polaris Viz's own screen-reader markup fails axe (lists without items, unnamed points), so the chart
          is a picture only; React 18 does not know the attribute yet, hence the spread. */}
      <div style={{ height: "100%" }} {...{ inert: "" }}>
        {inBrowser ? (
          <Suspense fallback={null}>
            <PolarisVizChart currency={currency} shape={shape} />
          </Suspense>
        ) : null}
      </div>
    </figure>
  );
}

const neverChanges = () => () => undefined;
const inTheBrowser = () => true;
const onTheServer = () => false;
