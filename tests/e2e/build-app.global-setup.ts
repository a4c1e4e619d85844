import type { TestProject } from "vitest/node";

import { buildApp, builtAppIsFresh } from "../../scripts/local/build-app";

/**
 * Builds the Remix app once, before any test file starts, when the run includes a test that serves the built app
 * (the end-to-end tests, `tests/e2e/*.e2e.test.ts`, and the local stack's) and build/ is older than the app's
 * sources. Those files would otherwise each start `remix vite:build` into the same build/ at the same time (a fresh
 * CI checkout has none). Runs that select only other tests (`vitest run tests/unit`, or the browser helpers' own
 * test in tests/e2e) do not build.
 */
const SERVES_THE_BUILT_APP = /(^|\/)tests\/(e2e\/[^/]+\.e2e\.test\.ts$|integration\/local-stack\/)/;

export default async function buildAppOnce(project: TestProject): Promise<void> {
  // The command line's file filters (`vitest run tests/unit`): kept by Vitest on its instance, not in its config.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  if (!testFiles.some((file) => SERVES_THE_BUILT_APP.test(file.replaceAll("\\", "/")))) return;
  if (builtAppIsFresh()) return;
  await buildApp((line) => console.info(`[global setup] ${line}`));
}
