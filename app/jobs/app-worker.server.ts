import { dispatchDueEmails } from "../services/buyer-email/email-dispatch.server";
import { errorMessage } from "../lib/jobs/job-queue.server";
import { requestDueSyncs, requestReconcileSyncs } from "../services/collection/due-sweep.server";
import type { ServiceDeps } from "../services/service-deps.server";
import { sendDueReminders } from "../services/collection/stage-reminders.server";
import { retryUnmirroredTermsOfEveryShop } from "../services/customer-terms/mirror-customer-terms.server";
import { sendAlertDigests } from "../services/staff-alerts/send-alert-digest.server";
import { appJobHandlerRegistry } from "./handlers/index.server";

export interface WorkerOptions {
  /** How often an idle worker looks for jobs when no notification woke it. */
  readonly pollIntervalSeconds?: number;
  /** How often stages are checked for having fallen due. */
  readonly sweepIntervalMs?: number;
  /**
   * How often every open contract is synced whatever its dates say (the safety net for a lost webhook), and customer
   * terms Shopify did not take are mirrored again.
   */
  readonly reconcileEveryMs?: number;
  /**
   * Email the links of unpaid stages again on the shop's reminder days, at each sweep. Off unless asked for:
   * the production worker and the local demo send them; tests of collection count each link sent once.
   */
  readonly reminders?: boolean;
  /** Email each shop's daily digest of staff alerts, at each sweep. Off unless asked for, like `reminders`. */
  readonly alertDigests?: boolean;
  readonly log?: (message: string) => void;
}

export interface RunningWorker {
  /** Stops sweeping and working; a graceful stop lets the job in progress finish (the default). */
  stop(options?: { readonly graceful?: boolean }): Promise<void>;
}

/**
 * The app's background work on `deps.jobs` (a queue opened to supervise): the handlers of every job kind, and a
 * timer that asks for the syncs of contracts whose stages fell due (dates pass without any webhook saying so).
 */
export async function startWorker(deps: ServiceDeps, options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? ((message: string) => console.log(message));
  await deps.jobs.work({
    db: deps.db,
    handlers: appJobHandlerRegistry(deps),
    now: deps.now,
    log,
    ...(options.pollIntervalSeconds ? { pollIntervalSeconds: options.pollIntervalSeconds } : {}),
  });
  let sweeping = false;
  let reconciledAt = Number.NEGATIVE_INFINITY;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      // Emails whose retry came, or that a worker died sending; and any queued outside a sync (a staff action). First,
      // and on its own: a sweep failing below must not hold the buyer's emails back.
      await dispatchDueEmails(deps.db, deps.jobs, deps.now()).catch((error: unknown) => log(`[jobs] sending buyer emails failed: ${errorMessage(error)}`));
      await requestDueSyncs(deps.db, deps.jobs, null, deps.now(), "due sweep");
      if (options.reconcileEveryMs && Date.now() - reconciledAt >= options.reconcileEveryMs) {
        reconciledAt = Date.now();
        await requestReconcileSyncs(deps.db, deps.jobs, "reconcile");
        await retryUnmirroredTermsOfEveryShop(deps, log);
      }
      if (options.reminders) await sendDueReminders(deps, log);
    } catch (error) {
      log(`[jobs] the due sweep failed: ${errorMessage(error)}`);
    }
    try {
      // Apart from the rest: a sweep whose reminders failed still sends the day's digests.
      if (options.alertDigests) await sendAlertDigests(deps, log);
    } catch (error) {
      log(`[alerts] the digests failed: ${errorMessage(error)}`);
    } finally {
      sweeping = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.sweepIntervalMs ?? 60_000);
  return {
    stop: async (stopOptions = {}) => {
      clearInterval(timer);
      await deps.jobs.stop({ graceful: stopOptions.graceful ?? true });
    },
  };
}
