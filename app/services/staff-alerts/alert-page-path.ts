import type { StaffAlert } from "../../domain/alerts/staff-alerts";
import { customerPageUrl } from "../../models/customer-history.server";

/** The admin page an alert links to: its contract's, or a customer's for their credit limit; null when none shows it. */
export function alertPagePath(alert: StaffAlert): string | null {
  if (alert.kind === "creditLimitReached") return alert.customer.kind === "customer" ? customerPageUrl(alert.customer.id) : null;
  return alert.contract ? `/app/contracts/${encodeURIComponent(alert.contract.id)}` : null;
}
