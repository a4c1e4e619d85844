import type { PrismaClient } from "@prisma/client";

/**
 * Local mode: the app served against the local Shopify emulator, for the demo and the browser tests. Staff are
 * signed in as the one shop named by TRANCHE_LOCAL_SHOP, with no Shopify login, and "now" is the emulator's
 * clock, so that advancing it moves the app's view of time too.
 */
export interface LocalModeConfig {
  readonly shop: string;
  /** The emulator's origin, from SHOPIFY_ADMIN_API_URL. */
  readonly emulatorOrigin: string;
}

export class LocalModeRefusedError extends Error {
  constructor(reason: string) {
    super(`local mode refused: ${reason}`);
    this.name = "LocalModeRefusedError";
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Exactly these (or none): anything else, "Production" and "staging" included, may be a real deployment. */
const LOCAL_NODE_ENVS = new Set([undefined, "development", "test"]);

/**
 * Why NODE_ENV forbids signing staff in without Shopify, or null when it allows it (unset, "development" or "test",
 * compared exactly). Shared by local mode and the local stack (scripts/local-stack.ts).
 */
export function nodeEnvRefusal(env: NodeJS.ProcessEnv = process.env): string | null {
  const mode = env.NODE_ENV;
  return LOCAL_NODE_ENVS.has(mode)
    ? null
    : `NODE_ENV is ${JSON.stringify(mode)}, and only an unset NODE_ENV, "development" or "test" may run without a Shopify login`;
}

/**
 * The local-mode settings, or null when the app runs against Shopify. Refuses (throws) under a NODE_ENV that may be
 * a deployment (nodeEnvRefusal) and when the Admin API is not a loopback emulator: a shop's real data must never be
 * reachable without a login.
 */
export function localModeConfig(env: NodeJS.ProcessEnv = process.env): LocalModeConfig | null {
  if (env.TRANCHE_LOCAL_MODE !== "1") return null;
  const nodeEnv = nodeEnvRefusal(env);
  if (nodeEnv) throw new LocalModeRefusedError(nodeEnv);
  const shop = env.TRANCHE_LOCAL_SHOP;
  if (!shop) throw new LocalModeRefusedError("TRANCHE_LOCAL_SHOP must name the emulator shop to sign in to");
  const adminUrl = env.SHOPIFY_ADMIN_API_URL;
  if (!adminUrl) throw new LocalModeRefusedError("SHOPIFY_ADMIN_API_URL must point at the local emulator");
  const url = new URL(adminUrl);
  if (!LOOPBACK_HOSTS.has(url.hostname)) throw new LocalModeRefusedError(`SHOPIFY_ADMIN_API_URL must be a loopback address, not ${url.hostname}`);
  const appHost = env.SHOPIFY_APP_URL ? new URL(env.SHOPIFY_APP_URL).hostname : "localhost";
  if (!LOOPBACK_HOSTS.has(appHost)) throw new LocalModeRefusedError(`SHOPIFY_APP_URL must be a loopback address, not ${appHost}`);
  return { shop, emulatorOrigin: url.origin };
}

/** Local mode answers only requests addressed to this machine, whatever interface the server listens on. */
export function assertLoopbackRequest(request: Request): void {
  const host = new URL(request.url).hostname;
  if (!LOOPBACK_HOSTS.has(host)) throw new Response(`local mode answers requests to localhost only, not to ${host}`, { status: 403 });
}

/** The emulator's current instant (its clock moves only when someone advances it). */
export async function emulatorNow(config: LocalModeConfig): Promise<Date> {
  const response = await fetch(`${config.emulatorOrigin}/_emulator/clock`);
  if (!response.ok) throw new Error(`the emulator's clock did not answer (${response.status}) at ${config.emulatorOrigin}`);
  const body = (await response.json()) as { now?: unknown };
  if (typeof body.now !== "string") throw new Error("the emulator's clock answered without `now`");
  return new Date(body.now);
}

/**
 * In local mode the audit log and the buyer emails' queue are stamped on the emulator's clock, not the database's:
 * the demo moves the clock days ahead, and a timeline or a "Queued …" time stamped with the real time would read out
 * of order beside the stages' dates.
 */
export function withEmulatorClock(client: PrismaClient, config: LocalModeConfig): PrismaClient {
  const stamped = <Row extends { createdAt?: Date | string; updatedAt?: Date | string }>(row: Row, now: Date): Row => ({
    ...row,
    createdAt: row.createdAt ?? now,
    updatedAt: row.updatedAt ?? now,
  });
  return client.$extends({
    query: {
      auditLog: {
        async create({ args, query }) {
          return query({ ...args, data: { ...args.data, createdAt: args.data.createdAt ?? (await emulatorNow(config)) } });
        },
      },
      outgoingEmail: {
        async create({ args, query }) {
          return query({ ...args, data: stamped(args.data, await emulatorNow(config)) });
        },
        async createMany({ args, query }) {
          const now = await emulatorNow(config);
          const rows = Array.isArray(args.data) ? args.data : [args.data];
          return query({ ...args, data: rows.map((row) => stamped(row, now)) });
        },
      },
    },
  }) as unknown as PrismaClient;
}
