import { writeAudit, type AuditActor } from "../../models/audit-log.server";
import type { Database } from "../../models/database.server";

/** The Shopify object whose invoice email carries a stage's link: its draft order, or an order. */
export type LinkCarrier = { readonly draftOrderId: string } | { readonly orderId: string };

/**
 * The timeline's record of an email to the buyer: which stage's link went out, through which Shopify object,
 * and why (`resent`, `reminder`) when it was not the first.
 */
export async function recordLinkEmailed(
  db: Database,
  shop: string,
  input: {
    readonly actor: AuditActor;
    readonly contractId: string;
    readonly position: number;
    readonly via: LinkCarrier;
    readonly details?: Readonly<Record<string, unknown>>;
  },
): Promise<void> {
  await writeAudit(db, shop, {
    actor: input.actor,
    action: "stage.linkEmailed",
    contractId: input.contractId,
    details: { position: input.position, ...input.details, ...input.via },
  });
}
