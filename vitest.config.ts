import { defineConfig } from "vitest/config";

// Dates in tests are read as UTC unless a test names a zone. Set here as well as in
// `test.env` so that code evaluated while the config loads sees it too.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "app/**/*.test.ts", "tests/unit/extensions/**/*.test.tsx"],
    environment: "node",
    env: { TZ: "UTC" },
    // A guard against hangs, not a performance bound: on two busy cores an emulator or CLI test can take seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Builds the app once when the selected tests serve it (tests/e2e, the local stack's): see the file.
    globalSetup: ["tests/support/postgres.global-setup.ts", "tests/e2e/build-app.global-setup.ts"],
  },
});
