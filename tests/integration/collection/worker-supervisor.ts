import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SeededRandom } from "../../../emulator/webhooks/fault-injection";

const WORKER_PROCESS = fileURLToPath(new URL("./worker-process.ts", import.meta.url));
const LOG_LINES_KEPT = 200;
const READY_TIMEOUT_MS = 30_000;
const CHAOS_POLL_MS = 25;

export interface WorkerSupervisorOptions {
  readonly databaseUrl: string;
  readonly adminApiUrl: string;
  readonly clockOffsetFile: string;
}

export interface ChaosOptions {
  readonly seed: number;
  /** The chance that a job the worker has just claimed is interrupted by a kill. */
  readonly killChance: number;
  /** The kill lands this long (uniformly random in the range) after the claim was seen: mid-job, or just after it. */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Jobs claimed this many times already are left alone, so that the queue's crash-loop guard (a job whose lease
   * expired 8 times is parked) is never what a run measures.
   */
  readonly maxKillsPerJob: number;
  /** The job the given worker holds right now, read from the job table. */
  readonly runningJobOf: (workerId: string) => Promise<{ readonly id: string; readonly attempts: number } | null>;
}

/**
 * Keeps exactly one app worker process alive (never two at once), and in a chaos run kills it with SIGKILL at
 * seeded-random moments while it works and starts the next one, counting the kills.
 */
export class WorkerSupervisor {
  kills = 0;
  starts = 0;
  /** The id of the worker alive now (its jobs' `lockedBy`). */
  workerId: string | undefined;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: string[] = [];
  private chaos: Promise<void> | undefined;
  private chaosStopping = false;
  private wakeChaos: (() => void) | undefined;

  constructor(private readonly options: WorkerSupervisorOptions) {}

  /** Starts a worker and resolves once it polls the queue. */
  async start(): Promise<void> {
    if (this.child) throw new Error("a worker is already running: only one may run at a time");
    this.starts += 1;
    const workerId = `worker-${this.starts}`;
    this.workerId = workerId;
    const child = spawn(process.execPath, ["--import", "tsx", WORKER_PROCESS, this.options.databaseUrl, this.options.adminApiUrl, this.options.clockOffsetFile, workerId], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${workerId} did not start within ${READY_TIMEOUT_MS} ms:\n${this.logTail(30)}`)), READY_TIMEOUT_MS);
      child.stdout!.on("data", (chunk: Buffer) => {
        this.record(workerId, chunk);
        if (chunk.toString("utf8").includes("ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${workerId} exited before it was ready (code ${code}, signal ${signal}):\n${this.logTail(30)}`));
      });
    });
    child.stderr!.on("data", (chunk: Buffer) => this.record(workerId, chunk));
    child.once("exit", (code, signal) => {
      this.log.push(`${new Date().toISOString().slice(11, 23)} [${workerId}] exited (code ${code}, signal ${signal})`);
      if (this.child === child) {
        this.child = undefined;
        this.workerId = undefined;
      }
    });
    await ready;
  }

  /** A crash: SIGKILL, no chance to finish the job or release its lease. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill("SIGKILL");
    await this.exited;
    this.kills += 1;
  }

  /** A clean stop (SIGTERM lets the running job finish), forced after a while. */
  async stop(): Promise<void> {
    await this.stopChaos();
    const child = this.child;
    if (!child) return;
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 5000);
    await this.exited;
    clearTimeout(forced);
  }

  /**
   * Until stopChaos(): watches which job the worker runs, and with `killChance` kills it a random moment after
   * the claim (between a Shopify call and its recording, inside a transaction, or just after the job), then
   * starts the next worker.
   */
  startChaos(options: ChaosOptions): void {
    const random = new SeededRandom(options.seed);
    const considered = new Set<string>();
    this.chaosStopping = false;
    this.chaos = (async () => {
      while (!this.chaosStopping) {
        await this.pause(CHAOS_POLL_MS);
        const job = this.workerId ? await options.runningJobOf(this.workerId) : null;
        if (!job || job.attempts > options.maxKillsPerJob || considered.has(`${job.id}:${job.attempts}`)) continue;
        considered.add(`${job.id}:${job.attempts}`);
        // The first job is always interrupted, so that every chaos run crashes at least once.
        if (this.kills > 0 && !random.chance(options.killChance)) continue;
        await this.pause(options.minDelayMs + random.next() * (options.maxDelayMs - options.minDelayMs));
        if (this.chaosStopping) break;
        await this.kill();
        await this.start();
      }
    })();
    // Kept until stopChaos() rethrows it: a worker that cannot restart fails the scenario there.
    this.chaos.catch(() => undefined);
  }

  /** Ends the chaos loop, leaving one worker running. */
  async stopChaos(): Promise<void> {
    if (!this.chaos) return;
    this.chaosStopping = true;
    this.wakeChaos?.();
    await this.chaos;
    this.chaos = undefined;
    if (!this.child) await this.start();
  }

  logTail(lines: number): string {
    return this.log.slice(-lines).join("\n");
  }

  private pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(finish, milliseconds);
      this.wakeChaos = finish;
    });
  }

  private record(workerId: string, chunk: Buffer): void {
    const at = new Date().toISOString().slice(11, 23);
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") this.log.push(`${at} [${workerId}] ${line}`);
    if (this.log.length > LOG_LINES_KEPT) this.log.splice(0, this.log.length - LOG_LINES_KEPT);
  }
}
