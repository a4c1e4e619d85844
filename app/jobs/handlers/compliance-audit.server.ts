import type { PrismaClient } from "@prisma/client";

import type { WebhookEventView } from "../../webhooks/webhook-job.server";

/**
 * Writes the audit row of a compliance webhook once per event: a job that runs again after a crash finds the
 * row of its first run (by the event id in `details`) and writes nothing.
 */
export async function recordComplianceAudit(
  db: PrismaClient,
  shop: string,
  event: WebhookEventView,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  const marker = `"eventId":${JSON.stringify(event.eventId)}`;
  const existing = await db.auditLog.findFirst({ where: { shop, action, details: { contains: marker } }, select: { id: true } });
  if (existing) return;
  await db.auditLog.create({
    data: { shop, actor: `webhook:${event.topic}`, action, details: JSON.stringify({ eventId: event.eventId, ...details }) },
  });
}
