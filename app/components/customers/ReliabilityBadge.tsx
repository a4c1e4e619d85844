import { Badge } from "@shopify/polaris";

import { BAND_LABELS, type StandingView } from "./standing-view";

const BAND_TONES = { reliable: "success", watch: "attention", risky: "critical" } as const;

/** The score and its band ("82 · Reliable"), or that nothing was due yet. */
export function ReliabilityBadge({ standing }: { readonly standing: StandingView }) {
  if (standing.kind === "noHistory") return <Badge>No history yet</Badge>;
  return <Badge tone={BAND_TONES[standing.band]}>{`${standing.score} · ${BAND_LABELS[standing.band]}`}</Badge>;
}
