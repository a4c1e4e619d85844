import { z } from "zod";

import { findContractByDraftOrder, findContractByOrder, findContractByStageDraftOrder, getContract } from "../../models/contracts.server";
import { contractIdFromNoteAttributes } from "../../services/attach/contract-attributes";
import { requestContractSync } from "../../services/collection/contract-sync-requests.server";
import { requestDueSyncs } from "../../services/collection/due-sweep.server";
import { webhookJobHandler, type WebhookEventView } from "../../webhooks/webhook-job.server";
import type { JobContext, JobHandler } from "../../lib/jobs/job-handlers.server";

/**
 * The order and payment webhooks only say *that* something changed on an order or draft of a contract; the
 * contract's sync job then reads what changed from Shopify. So a duplicate, a late or a reordered delivery
 * cannot apply anything twice or out of order: each event asks for one sync, and every sync reads the present.
 */

const noteAttributes = z.array(z.object({ name: z.string(), value: z.unknown() })).nullish();
const orderBody = z.object({ admin_graphql_api_id: z.string(), note_attributes: noteAttributes });
const draftOrderBody = z.object({ admin_graphql_api_id: z.string(), note_attributes: noteAttributes });
const orderReferenceBody = z.object({ order_id: z.union([z.number(), z.string()]) });

/** `orders/create|paid|updated|cancelled|fulfilled`: the main order or a stage order of a contract. */
const orderWebhook = webhookJobHandler(orderBody, async (body, event, context) => {
  const byAttribute = contractIdFromNoteAttributes(body.note_attributes);
  const contract =
    (byAttribute ? await getContract(context.db, context.shop, byAttribute) : null) ??
    (await findContractByOrder(context.db, context.shop, body.admin_graphql_api_id));
  if (contract) await askForSync(contract.id, event, context);
});

/** `draft_orders/update`: the source draft (completed at checkout in native mode) or a stage draft. */
const draftOrderWebhook = webhookJobHandler(draftOrderBody, async (body, event, context) => {
  const byAttribute = contractIdFromNoteAttributes(body.note_attributes);
  const contract =
    (byAttribute ? await getContract(context.db, context.shop, byAttribute) : null) ??
    (await findContractByDraftOrder(context.db, context.shop, body.admin_graphql_api_id)) ??
    (await findContractByStageDraftOrder(context.db, context.shop, body.admin_graphql_api_id));
  if (contract) await askForSync(contract.id, event, context);
});

/** `order_transactions/create`, `fulfillments/create`, `refunds/create`: they name the order by its numeric id. */
const orderReferenceWebhook = webhookJobHandler(orderReferenceBody, async (body, event, context) => {
  const contract = await findContractByOrder(context.db, context.shop, `gid://shopify/Order/${body.order_id}`);
  if (contract) await askForSync(contract.id, event, context);
});

/** `payment_schedules/due`: a due date passed in Shopify; the shop's due contracts are looked at now. */
const paymentScheduleDueWebhook = webhookJobHandler(z.unknown(), async (_body, event, context) => {
  await requestDueSyncs(context.db, context.jobs, context.shop, now(context), `payment_schedules/due ${event.eventId}`);
});

async function askForSync(contractId: string, event: WebhookEventView, context: JobContext): Promise<void> {
  await requestContractSync(context.jobs, context.shop, contractId, `webhook ${event.topic} ${event.eventId}`);
}

function now(context: JobContext): Date {
  return context.now?.() ?? new Date();
}

/** The webhook topics collection listens to, and their handlers. */
export const CONTRACT_WEBHOOK_HANDLERS: Readonly<Record<string, JobHandler>> = {
  "orders/create": orderWebhook,
  "orders/paid": orderWebhook,
  "orders/updated": orderWebhook,
  "orders/cancelled": orderWebhook,
  "orders/fulfilled": orderWebhook,
  "draft_orders/update": draftOrderWebhook,
  "order_transactions/create": orderReferenceWebhook,
  "fulfillments/create": orderReferenceWebhook,
  "refunds/create": orderReferenceWebhook,
  "payment_schedules/due": paymentScheduleDueWebhook,
};
