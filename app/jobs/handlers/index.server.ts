import { CONTRACT_SYNC_JOB } from "../../services/collection/contract-sync-requests.server";
import type { ServiceDeps } from "../../services/service-deps.server";
import { webhookJobKind } from "../../webhooks/webhook-job.server";
import { JobHandlerRegistry, type JobHandler } from "../../lib/jobs/job-handlers.server";
import { appUninstalledJob } from "./app-uninstalled.server";
import { BUYER_EMAIL_JOB } from "../../services/buyer-email/email-dispatch.server";
import { buyerEmailJob } from "./buyer-email-job.server";
import { AVATAX_SYNC_JOB } from "../../services/avatax/avatax-sync-requests.server";
import { avaTaxSyncJob } from "./avatax-sync-job.server";
import { contractSyncJob } from "./contract-sync-job.server";
import { CONTRACT_WEBHOOK_HANDLERS } from "./contract-webhooks.server";
import { customersDataRequestJob } from "./customers-data-request.server";
import { customersRedactJob } from "./customers-redact.server";
import { shopRedactJob } from "./shop-redact.server";

/** The app's lifecycle and compliance jobs: they need only the database. */
export const APP_JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  [webhookJobKind("app/uninstalled")]: appUninstalledJob,
  [webhookJobKind("customers/data_request")]: customersDataRequestJob,
  [webhookJobKind("customers/redact")]: customersRedactJob,
  [webhookJobKind("shop/redact")]: shopRedactJob,
};

/** Collection: the order and payment webhooks, and the contract sync they ask for. */
export function collectionJobHandlers(deps: ServiceDeps): Record<string, JobHandler> {
  return {
    ...Object.fromEntries(Object.entries(CONTRACT_WEBHOOK_HANDLERS).map(([topic, handler]) => [webhookJobKind(topic), handler])),
    [CONTRACT_SYNC_JOB]: contractSyncJob(deps),
    [BUYER_EMAIL_JOB]: buyerEmailJob(deps),
    [AVATAX_SYNC_JOB]: avaTaxSyncJob(deps),
  };
}

/** Every job kind the app runs and its handler; a kind missing here is parked when it runs. */
export function appJobHandlerRegistry(deps: ServiceDeps): JobHandlerRegistry {
  const registry = new JobHandlerRegistry();
  for (const [kind, handler] of Object.entries({ ...APP_JOB_HANDLERS, ...collectionJobHandlers(deps) })) registry.register(kind, handler);
  return registry;
}
