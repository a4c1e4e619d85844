import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { ADMIN_API_VERSION } from "../../app/shopify/api-version";
import { testPostgresUrl } from "../support/test-postgres";
import { committedMigrations } from "./test-database";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the project's Prisma CLI (and so prisma.config.ts) against the database at `databaseUrl`. */
function prisma(args: string[], databaseUrl: string): string {
  return execFileSync(process.execPath, [path.join(repoRoot, "node_modules/prisma/build/index.js"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("database", () => {
  // An empty database of its own on the test server: `migrate deploy` writes its history table in `public`.
  const database = `tranche_skeleton_${randomBytes(6).toString("hex")}`;
  const serverUrl = new URL(testPostgresUrl());
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => onServer(`CREATE DATABASE "${database}"`));

  afterAll(async () => {
    const { default: db } = await import("../../app/db.server");
    await db.$disconnect();
    await onServer(`DROP DATABASE "${database}" WITH (FORCE)`);
  });

  it("applies every committed migration to a fresh database", async () => {
    prisma(["migrate", "deploy"], databaseUrl);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tables = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows.map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(["Session", "Plan", "Contract", "Stage", "LedgerEntry", "WebhookEvent", "ParkedJob"]));
      const applied = (
        await client.query<{ name: string }>("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name")
      ).rows.map((row) => row.name);
      expect(committedMigrations().length).toBeGreaterThan(0);
      expect(applied).toEqual(committedMigrations());
    } finally {
      await client.end();
    }
  });

  it("has migrations that produce exactly prisma/schema.prisma", () => {
    // Exit code 2 (a thrown error here) means schema.prisma changed without a migration. The CLI replays the
    // migrations on a shadow database it creates on the same server.
    const output = prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      databaseUrl,
    );
    expect(output).toContain("No difference detected");
  });

  it("stores and loads a Shopify session through the app's session storage", async () => {
    // The app's own modules, pointed at the migrated test database before they load.
    process.env.DATABASE_URL = databaseUrl;
    process.env.SHOPIFY_API_KEY = "test-api-key";
    process.env.SHOPIFY_API_SECRET = "test-api-secret";
    process.env.SHOPIFY_APP_URL = "https://tranche.example";
    const { sessionStorage, apiVersion } = await import("../../app/shopify.server");
    expect(apiVersion).toBe(ADMIN_API_VERSION);
    const { Session } = await import("@shopify/shopify-app-remix/server");

    const session = new Session({
      id: "offline_tranche-test.myshopify.com",
      shop: "tranche-test.myshopify.com",
      state: "state-1",
      isOnline: false,
      scope: "read_orders,write_draft_orders",
      accessToken: "shpat_test",
      expires: new Date("2027-01-31T12:00:00.000Z"),
    });

    expect(await sessionStorage.storeSession(session)).toBe(true);
    const loaded = await sessionStorage.loadSession(session.id);
    expect(loaded).toBeDefined();
    expect(loaded?.equals(session)).toBe(true);
    expect(loaded?.expires?.toISOString()).toBe("2027-01-31T12:00:00.000Z");

    expect(await sessionStorage.findSessionsByShop(session.shop)).toHaveLength(1);
    expect(await sessionStorage.deleteSession(session.id)).toBe(true);
    expect(await sessionStorage.loadSession(session.id)).toBeUndefined();
  });
});

describe("shopify.app.toml", () => {
  const appConfig = z
    .object({
      name: z.string(),
      embedded: z.boolean(),
      access_scopes: z.object({ scopes: z.string() }),
      webhooks: z.object({
        api_version: z.string(),
        subscriptions: z.array(z.object({ uri: z.string(), topics: z.array(z.string()).optional() })),
      }),
    })
    .parse(parseToml(readFileSync(path.join(repoRoot, "shopify.app.toml"), "utf8")));

  it("names the app and the webhook API version", () => {
    expect(appConfig.name).toBe("Tranche");
    expect(appConfig.embedded).toBe(true);
    expect(ADMIN_API_VERSION).toBe("2026-10");
    expect(appConfig.webhooks.api_version).toBe(ADMIN_API_VERSION);
  });

  it("routes every webhook subscription to an existing Remix route", () => {
    expect(appConfig.webhooks.subscriptions.length).toBeGreaterThan(0);
    for (const { uri } of appConfig.webhooks.subscriptions) {
      // Remix flat routes: /webhooks/app/uninstalled is webhooks.app.uninstalled(.tsx | /route.tsx).
      const routeName = uri.replace(/^\//, "").split("/").join(".");
      const candidates = [".ts", ".tsx", "/route.ts", "/route.tsx"].map((ending) => path.join(repoRoot, "app", "routes", routeName + ending));
      expect(
        candidates.some((file) => existsSync(file)),
        `no route file for webhook uri ${uri}`,
      ).toBe(true);
    }
  });
});
