import db from "../db.server";
import { offlineAdminClient } from "../shopify/offline-admin.server";
import { startWorker, type RunningWorker } from "./app-worker.server";

declare global {
  // Kept on globalThis so that Vite's hot reloads in development do not start a second worker.
  var trancheJobWorker: RunningWorker | undefined;
}

const SIX_HOURS_MS = 6 * 60 * 60 * 1000;

/**
 * Starts the app's one job worker inside the web process (the server entry calls it). `TRANCHE_JOB_WORKER=off`
 * leaves it out, for a process that should only serve requests while another runs the jobs. On SIGTERM or
 * SIGINT the worker finishes its job before the process exits, on a second signal it aborts it; a harder kill
 * is safe too, only slower: the job's lease expires and another worker runs it again.
 */
export function startAppJobWorker(): void {
  if (process.env.TRANCHE_JOB_WORKER === "off" || globalThis.trancheJobWorker) return;
  const worker = startWorker(
    { db, adminFor: (shop) => offlineAdminClient(db, shop), now: () => new Date() },
    { reconcileEveryMs: SIX_HOURS_MS, reminders: true },
  );
  globalThis.trancheJobWorker = worker;
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      // A second signal while the job in progress finishes: abort it (it is retried) and exit now.
      void worker.stop({ abortRunningJob: stopping }).finally(() => process.exit(0));
      stopping = true;
    });
  }
}
