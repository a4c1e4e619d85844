import { parseArgs } from "node:util";
import { ADMIN_API_VERSION } from "./admin-schema";
import { tomlWebhookSubscriptions } from "./app-toml-webhooks";
import { startEmulator } from "./emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "./fixtures/demo-fixture";

/**
 * `npm run emulator`: the emulator as a standalone server for the demo and for running the app locally.
 * Starts on PORT (default 4400) with the demo shops, delivers the webhooks of shopify.app.toml to the app at
 * SHOPIFY_APP_URL signed with SHOPIFY_API_SECRET, and with --snapshot keeps its state across restarts.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    snapshot: { type: "string" },
    fixture: { type: "string" },
    "app-toml": { type: "string", default: "shopify.app.toml" },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 4400);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port or PORT must be a port number, not ${values.port ?? process.env.PORT}`);
const shops = readShopsFixture(values.fixture ?? DEMO_FIXTURE_FILE);
const app = {
  apiKey: process.env.SHOPIFY_API_KEY ?? "tranche-emulator-key",
  apiSecret: process.env.SHOPIFY_API_SECRET ?? "tranche-emulator-secret",
  url: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000",
  webhooks: tomlWebhookSubscriptions(values["app-toml"]),
};
const started = performance.now();
const emulator = await startEmulator({ shops, app, port, host: values.host, ...(values.snapshot ? { snapshotFile: values.snapshot } : {}) });

const lines = [
  `Tranche Shopify emulator on ${emulator.url} (Admin API ${ADMIN_API_VERSION}), started in ${Math.round(performance.now() - started)} ms`,
  `Admin GraphQL: ${emulator.adminUrl()} with the header X-Shopify-Access-Token`,
  "Shops:",
  ...[...emulator.store.shops.values()].map(
    (shop) => `  ${shop.settings.domain.padEnd(40)} ${shop.settings.plan.padEnd(6)} ${shop.settings.currencyCode}  token ${shop.settings.accessToken}`,
  ),
  `App: key ${app.apiKey}, webhooks signed with ${process.env.SHOPIFY_API_SECRET ? "SHOPIFY_API_SECRET" : `the secret ${app.apiSecret}`}, sent to ${app.url}`,
  ...app.webhooks.map((webhook) => `  ${webhook.topic} → ${webhook.uri}`),
  `Control page (clock, mailbox, orders): ${emulator.url}/_emulator`,
  `Inspect: ${emulator.url}/_emulator/webhooks  ${emulator.url}/_emulator/outbox  ${emulator.url}/_emulator/clock`,
  values.snapshot ? `State is saved to ${values.snapshot} on exit.` : "State is in memory only (use --snapshot FILE to keep it).",
];
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
