import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { PrismaClient } from "@prisma/client";
import type { ServerBuild } from "@remix-run/node";

import type { JobQueue } from "../app/lib/jobs/job-queue.server";
import { nodeEnvRefusal } from "../app/local-mode.server";
import { parse } from "smol-toml";

import { tomlWebhookSubscriptions } from "../emulator/app-toml-webhooks";
import { startEmulator, type RunningEmulator } from "../emulator/emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "../emulator/fixtures/demo-fixture";
import { openLocalDatabase } from "./local/app-database";
import { listenAppServer } from "./local/app-server";
import { buildApp, SERVER_BUILD } from "./local/build-app";
import { buyerMailFromEnvironment } from "../app/services/buyer-email/buyer-mail-environment.server";

/**
 * The whole app on one machine, in one process, with no Shopify account: the local Shopify emulator with the
 * demo shops and its SMTP server for the app's buyer emails, a fresh embedded PostgreSQL (or the one DATABASE_URL
 * names), the job worker, and the built Remix app in local mode (staff signed in to one demo shop without a
 * login). `npm run demo` runs it (scripts/local-app.ts); end-to-end tests start it.
 */

export interface LocalStackOptions {
  /** Run `remix vite:build` first; false serves the build already in build/. */
  readonly build: boolean;
  /** The demo shop staff are signed in to, by its Shopify plan in the fixture: "basic" (default) or "plus". */
  readonly shop?: string;
  /** Default 3000; 0 picks a free port. */
  readonly appPort?: number;
  /** Default 4400; 0 picks a free port. */
  readonly emulatorPort?: number;
  /** Progress lines and the job worker's log; default console.log. */
  readonly log?: (line: string) => void;
}

export interface LocalStack {
  /** `http://localhost:PORT`; the admin is at `${appUrl}/app`. */
  readonly appUrl: string;
  /** `http://localhost:PORT`; the control page is at `${emulatorUrl}/_emulator`. */
  readonly emulatorUrl: string;
  /** `smtp://127.0.0.1:PORT`: the emulator's SMTP server, where the app sends its emails (its SMTP_URL). */
  readonly smtpUrl: string;
  readonly emulator: RunningEmulator;
  readonly db: PrismaClient;
  /** The job queue the app's routes enqueue on and the worker runs. */
  readonly jobs: JobQueue;
  /** The shop domain staff are signed in to. */
  readonly shop: string;
  close(): Promise<void>;
}

/** The stack will not start: production, or options that name nothing it can run. */
export class LocalStackRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalStackRefusedError";
  }
}

const APP_TOML = "shopify.app.toml";
const API_KEY = "tranche-local";
/** The emulator signs webhooks with it and the app's webhook routes check them with it. */
const API_SECRET = "tranche-local-secret";
const WORKER = { pollIntervalSeconds: 0.5, sweepIntervalMs: 1_000, reminders: true, alertDigests: true };
/** Only the app is told it, so a free port will do when this one is taken (another demo, a mail catcher). */
const SMTP_PORT = 2525;
const MAIL_FROM = "payments@tranche.example";

let startedInThisProcess = false;

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const nodeEnv = nodeEnvRefusal();
  if (nodeEnv) throw new LocalStackRefusedError(`refusing to start: ${nodeEnv}; the local stack signs staff in without Shopify`);
  const shops = readShopsFixture(DEMO_FIXTURE_FILE);
  const shop = shops.find((candidate) => candidate.plan === (options.shop ?? "basic"));
  if (!shop) throw new LocalStackRefusedError(`the shop must be one of ${shops.map((candidate) => candidate.plan).join(", ")}, not ${options.shop}`);
  // The app's modules read their settings once, at import; a second stack would run on the first one's.
  if (startedInThisProcess) throw new Error("a local stack was already started in this process; start one per process");
  startedInThisProcess = true;
  const log = options.log ?? ((line: string) => console.log(line));

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log(`while stopping: ${error.message}`));
  };
  try {
    if (options.build) await buildApp(log);
    const database = await openLocalDatabase(log);
    stops.push(() => database.stop());
    const databaseUrl = database.url;

    const server = await listenAppServer(options.appPort ?? 3000);
    stops.push(() => server.close());
    const emulator = await startEmulator({
      shops,
      port: options.emulatorPort ?? 4400,
      host: "127.0.0.1",
      app: { apiKey: API_KEY, apiSecret: API_SECRET, url: server.loopbackUrl, webhooks: tomlWebhookSubscriptions(APP_TOML) },
      smtp: { port: SMTP_PORT, freePortIfTaken: true },
    });
    // Started with `smtp` just above, so it has an SMTP URL.
    const smtpUrl = emulator.smtpUrl as string;
    stops.push(() => emulator.close());
    const scopes = tomlScopes(APP_TOML);
    setLocalModeEnvironment({ shop: shop.domain, adminApiUrl: emulator.adminUrl(), appUrl: server.url, databaseUrl, scopes, smtpUrl });

    // Imported only now: the app's database client is made from DATABASE_URL when its module loads, and the
    // server build reuses that same client (db.server.ts keeps it on globalThis outside production).
    const { default: db } = await import("../app/db.server");
    stops.push(() => db.$disconnect());
    const { seedAppDatabase } = await import("./local/seed-app-database");
    await seedAppDatabase(db, shops, scopes);
    const { startWorker } = await import("../app/jobs/app-worker.server");
    const { offlineAdminClient } = await import("../app/shopify/offline-admin.server");
    const { JobQueue } = await import("../app/lib/jobs/job-queue.server");
    const { APP_QUEUES } = await import("../app/jobs/queues");
    // One queue for the whole process: the app's routes enqueue on it (app-job-queue.server.ts) and the worker runs it.
    const jobs = await JobQueue.open({ url: databaseUrl, queues: APP_QUEUES, supervise: true });
    globalThis.trancheJobQueue = Promise.resolve(jobs);
    const worker = await startWorker(
      { db, jobs, adminFor: (domain) => offlineAdminClient(db, domain), now: () => emulator.store.clock.now(), buyerMail: buyerMailFromEnvironment() },
      { ...WORKER, log },
    );
    stops.push(() => worker.stop({ graceful: false }));
    const { installGlobals } = await import("@remix-run/node");
    installGlobals({ nativeFetch: true });
    server.serve((await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild);

    return {
      appUrl: server.url,
      // The emulator listens on the loopback address; people are given the same `localhost` as the app's.
      emulatorUrl: emulator.url.replace("127.0.0.1", "localhost"),
      smtpUrl,
      emulator,
      db,
      jobs,
      shop: shop.domain,
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The environment the built app reads (at import and per request): local mode for one emulator shop (see
 * app/local-mode.server.ts), the Admin API of the emulator, the app's URL and webhook secret (which also signs the
 * buyer's links unless BUYER_LINK_SECRET is set), its database, and the emulator's SMTP server for the buyer's
 * emails (never a real provider's, whatever SMTP_URL the shell had).
 */
function setLocalModeEnvironment(settings: { shop: string; adminApiUrl: string; appUrl: string; databaseUrl: string; scopes: string; smtpUrl: string }): void {
  Object.assign(process.env, {
    TRANCHE_LOCAL_MODE: "1",
    TRANCHE_LOCAL_SHOP: settings.shop,
    SHOPIFY_ADMIN_API_URL: settings.adminApiUrl,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: settings.appUrl,
    DATABASE_URL: settings.databaseUrl,
    SCOPES: settings.scopes,
    SMTP_URL: settings.smtpUrl,
    MAIL_FROM,
    NODE_ENV: process.env.NODE_ENV ?? "development",
  });
}

/** `[access_scopes] scopes` of the app's TOML, as Shopify's CLI passes them to the app in SCOPES. */
function tomlScopes(file: string): string {
  const toml = parse(readFileSync(file, "utf8")) as { access_scopes?: { scopes?: string } };
  return toml.access_scopes?.scopes ?? "";
}
