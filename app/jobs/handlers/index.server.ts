import { registerJobHandler, type JobHandler } from "../job-handlers.server";
import { webhookJobKind } from "../../webhooks/webhook-job.server";
import { appUninstalledJob } from "./app-uninstalled.server";
import { customersDataRequestJob } from "./customers-data-request.server";
import { customersRedactJob } from "./customers-redact.server";
import { shopRedactJob } from "./shop-redact.server";

/** Every job kind the app runs and its handler. A kind missing here is parked when it runs. */
export const APP_JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  [webhookJobKind("app/uninstalled")]: appUninstalledJob,
  [webhookJobKind("customers/data_request")]: customersDataRequestJob,
  [webhookJobKind("customers/redact")]: customersRedactJob,
  [webhookJobKind("shop/redact")]: shopRedactJob,
};

/** Registers them all on the app's registry, which the app's worker runs. */
export function registerAppJobHandlers(): void {
  for (const [kind, handler] of Object.entries(APP_JOB_HANDLERS)) registerJobHandler(kind, handler);
}
