import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SeededRandom } from "../../../emulator/webhooks/fault-injection";

const WORKER_PROCESS = fileURLToPath(new URL("./worker-process.ts", import.meta.url));
const LOG_LINES_KEPT = 200;
/** Generous: on a loaded 2-core machine a worker process's start (tsx, Prisma, pg-boss) has taken over 30 s. */
const READY_TIMEOUT_MS = 90_000;
const CHAOS_POLL_MS = 25;

export interface WorkerSupervisorOptions {
  readonly databaseUrl: string;
  readonly adminApiUrl: string;
  readonly clockOffsetFile: string;
  /** Worker processes kept alive at once (1 by default). */
  readonly count?: number;
  /** Where the workers send the buyer's emails (the test's SMTP mailbox); none: they are recorded and dropped. */
  readonly smtpUrl?: string;
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
  /** A job running right now, read from the queue's table. */
  readonly runningJob: () => Promise<{ readonly id: string; readonly attempts: number } | null>;
}

/**
 * Keeps `count` app worker processes alive, and in a chaos run kills one of them (chosen at random) with SIGKILL at
 * seeded-random moments while a job runs and starts its replacement, counting the kills.
 */
export class WorkerSupervisor {
  kills = 0;
  starts = 0;
  private readonly children = new Map<string, { readonly child: ChildProcess; readonly exited: Promise<void> }>();
  private readonly log: string[] = [];
  private chaos: Promise<void> | undefined;
  private chaosStopping = false;
  private wakeChaos: (() => void) | undefined;

  constructor(private readonly options: WorkerSupervisorOptions) {}

  private get count(): number {
    return this.options.count ?? 1;
  }

  /** Starts workers until `count` are alive; resolves once each polls the queue. */
  async start(): Promise<void> {
    while (this.children.size < this.count) await this.startOne();
  }

  private async startOne(): Promise<void> {
    this.starts += 1;
    const workerId = `worker-${this.starts}`;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", WORKER_PROCESS, this.options.databaseUrl, this.options.adminApiUrl, this.options.clockOffsetFile, workerId],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...(this.options.smtpUrl ? { SMTP_URL: this.options.smtpUrl } : {}) },
      },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    this.children.set(workerId, { child, exited });
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
      this.children.delete(workerId);
    });
    await ready;
  }

  /** A crash of one worker (the `pick`-th alive, by default the first): SIGKILL, no chance to finish or release anything. */
  async kill(pick = 0): Promise<void> {
    const alive = [...this.children.values()];
    const victim = alive[pick % Math.max(1, alive.length)];
    if (!victim) return;
    victim.child.kill("SIGKILL");
    await victim.exited;
    this.kills += 1;
  }

  /** A clean stop of every worker (SIGTERM lets the running job finish), forced after a while. */
  async stop(): Promise<void> {
    await this.stopChaos();
    await Promise.all(
      [...this.children.values()].map(async ({ child, exited }) => {
        child.kill("SIGTERM");
        const forced = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(forced);
      }),
    );
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
        const job = await options.runningJob();
        if (!job || job.attempts > options.maxKillsPerJob || considered.has(`${job.id}:${job.attempts}`)) continue;
        considered.add(`${job.id}:${job.attempts}`);
        // The first job is always interrupted, so that every chaos run crashes at least once.
        if (this.kills > 0 && !random.chance(options.killChance)) continue;
        await this.pause(options.minDelayMs + random.next() * (options.maxDelayMs - options.minDelayMs));
        if (this.chaosStopping) break;
        await this.kill(Math.floor(random.next() * this.count));
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
    await this.start();
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
