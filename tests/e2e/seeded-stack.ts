import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

import { builtAppIsFresh } from "../../scripts/local/build-app";
import { startLocalStack, type LocalStack } from "../../scripts/local-stack";
import { createEmptyTestSchema } from "../integration/test-database";
import { launchBrowser, screenshotFolder, type Browser, type ScreenshotFolder } from "./browser";

type AdminContractStates = typeof import("../support/admin-contract-states");

export interface SeededStack<Seed> {
  readonly stack: LocalStack;
  readonly page: Page;
  readonly screenshots: ScreenshotFolder;
  /** What the suite's seed returned. */
  readonly seeded: Seed;
}

/**
 * Registers a suite's beforeAll and afterAll: headless Chromium and a screenshot folder named for the suite, an empty
 * test schema, the local stack on it (building the app first if build/ is stale), seeded by `seed`; all closed after.
 * The fields of what it returns are set once the suite's beforeAll has run.
 */
export function seededStackSuite<Seed>(suite: string, seed: (states: AdminContractStates, stack: LocalStack) => Promise<Seed>): SeededStack<Seed> {
  let browser: Browser | undefined;
  let database: Awaited<ReturnType<typeof createEmptyTestSchema>> | undefined;
  let stack: LocalStack | undefined;
  const started: { -readonly [Field in keyof SeededStack<Seed>]?: SeededStack<Seed>[Field] } = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    started.page = browser.page;
    started.screenshots = screenshotFolder(suite);
    database = await createEmptyTestSchema();
    process.env.DATABASE_URL = database.url;
    stack = await startLocalStack({ build: !builtAppIsFresh(), appPort: 0, emulatorPort: 0, log: () => undefined });
    started.stack = stack;
    // Loaded only now: the app's modules read their settings (set by the stack) when they load.
    started.seeded = await seed(await import("../support/admin-contract-states"), stack);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await database?.drop();
  }, 60_000);

  return started as SeededStack<Seed>;
}
