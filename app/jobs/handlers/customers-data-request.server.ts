import { z } from "zod";

import { webhookJobHandler } from "../../webhooks/webhook-job.server";
import { recordComplianceAudit } from "./compliance-audit.server";
import { assertSignedShop } from "./compliance-shop.server";
import { gidInJson, shopifyIdForms, shopifyNumericId } from "./shopify-ids";

const customersDataRequestBody = z
  .object({
    shop_domain: z.string(),
    customer: z.object({ id: shopifyNumericId, email: z.string().nullish() }).passthrough(),
    orders_requested: z.array(shopifyNumericId).default([]),
    data_request: z.object({ id: shopifyNumericId }).passthrough(),
  })
  .passthrough();

/**
 * `customers/data_request`: the merchant must hand the customer what the app holds about them. The app keeps
 * an inventory of it in the audit log (`customer.dataRequested`): every contract of the customer or of a
 * requested order, with its amounts and stages, the terms negotiated with them, and how many stored webhook bodies
 * mention them. Staff send
 * it on; the webhook asks for nothing to be sent to Shopify. One entry per event, however often the job runs.
 */
export const customersDataRequestJob = webhookJobHandler(customersDataRequestBody, async (body, event, { db, shop }) => {
  assertSignedShop(body.shop_domain, shop, "customers/data_request");
  const contracts = await db.contract.findMany({
    where: {
      shop,
      OR: [
        { customerId: { in: shopifyIdForms("Customer", body.customer.id) } },
        { mainOrderId: { in: body.orders_requested.flatMap((id) => shopifyIdForms("Order", id)) } },
      ],
    },
    include: { stages: { orderBy: { position: "asc" } }, _count: { select: { ledger: true } } },
    orderBy: { createdAt: "asc" },
  });
  const traces = [
    gidInJson("Customer", body.customer.id),
    ...body.orders_requested.map((id) => gidInJson("Order", id)),
    ...(body.customer.email ? [body.customer.email] : []),
  ].map((text) => ({ payload: { contains: text, mode: "insensitive" as const } }));
  // The terms negotiated with them (issue 14): their default plan, deposit, net days and credit limit.
  const terms = await db.customerTerms.findFirst({ where: { shop, subjectKind: "customer", subjectId: { in: shopifyIdForms("Customer", body.customer.id) } } });
  // This request's own event names the customer too; it is not data the app holds about them.
  const webhookEvents = await db.webhookEvent.count({ where: { shop, eventId: { not: event.eventId }, OR: traces } });

  await recordComplianceAudit(db, shop, event, "customer.dataRequested", {
    dataRequestId: body.data_request.id,
    customerId: body.customer.id,
    contracts: contracts.map((contract) => ({
      id: contract.id,
      status: contract.status,
      sourceDraftOrderId: contract.sourceDraftOrderId,
      mainOrderId: contract.mainOrderId,
      currency: contract.currency,
      // Minor units as a string: JSON has no exact integer beyond 2^53, and money is never a JS number.
      totalMinor: contract.totalMinor.toString(),
      createdAt: contract.createdAt.toISOString(),
      stages: contract.stages.map((stage) => ({
        position: stage.position,
        title: stage.title,
        amountMinor: stage.amountMinor.toString(),
        dueDate: stage.dueDate,
        status: stage.status,
      })),
      ledgerEntries: contract._count.ledger,
    })),
    customerTerms: terms && {
      defaultPlanId: terms.defaultPlanId,
      depositPercent: terms.depositPercent,
      netDays: terms.netDays,
      paymentDays: terms.paymentDays,
      creditLimitMinor: terms.creditLimitMinor?.toString() ?? null,
      creditLimitCurrency: terms.creditLimitCurrency,
      updatedAt: terms.updatedAt.toISOString(),
    },
    webhookEventsMentioningCustomer: webhookEvents,
  });
});
