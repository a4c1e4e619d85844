import { enqueueDueContractSyncs } from "../services/due-sweep.server";
import type { ServiceDeps } from "../services/service-deps.server";
import { sendDueReminders } from "../services/stage-reminders.server";
import { errorMessage, type BackoffOptions } from "./job-queue.server";
import { JobRunner } from "./job-runner.server";
import { appJobHandlerRegistry } from "./handlers/index.server";

export interface WorkerOptions {
  readonly workerId?: string;
  readonly pollIntervalMs?: number;
  readonly leaseMs?: number;
  /** How often stages are checked for having fallen due. */
  readonly sweepIntervalMs?: number;
  /** How often every open contract is synced whatever its dates say (the safety net for a lost webhook). */
  readonly reconcileEveryMs?: number;
  /**
   * Email the links of unpaid stages again on the shop's reminder days, at each sweep. Off unless asked for:
   * the production worker and the local demo send them; tests of collection count each link sent once.
   */
  readonly reminders?: boolean;
  readonly log?: (message: string) => void;
  /** Retry delays of failed jobs (tests shorten them). */
  readonly backoff?: Omit<BackoffOptions, "now">;
}

export interface RunningWorker {
  readonly runner: JobRunner;
  /** Finishes the job in progress (or aborts it, to be retried), then stops polling and sweeping. */
  stop(options?: { readonly abortRunningJob?: boolean }): Promise<void>;
}

const DEFAULT_LEASE_MS = 60_000;

/**
 * The app's background work: a job runner over every job kind, and a timer that asks for the syncs of
 * contracts whose stages fell due (dates pass without any webhook saying so).
 */
export function startWorker(deps: ServiceDeps, options: WorkerOptions = {}): RunningWorker {
  const log = options.log ?? ((message: string) => console.log(message));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const runner = new JobRunner({
    db: deps.db,
    handlers: appJobHandlerRegistry(deps, { lockTtlMs: leaseMs }),
    now: deps.now,
    leaseMs,
    log,
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  runner.start();
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await enqueueDueContractSyncs(deps, options.reconcileEveryMs ? { reconcileEveryMs: options.reconcileEveryMs } : {});
      if (options.reminders) await sendDueReminders(deps, log);
    } catch (error) {
      log(`[jobs] the due sweep failed: ${errorMessage(error)}`);
    } finally {
      sweeping = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.sweepIntervalMs ?? 60_000);
  return {
    runner,
    stop: async (stopOptions = {}) => {
      clearInterval(timer);
      await runner.stop(stopOptions);
    },
  };
}
