/** An instant as the control page shows it: `2026-05-01 09:30 UTC`. */
export function utcTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
