import { parseArgs } from "node:util";
import { ADMIN_API_VERSION } from "./admin-schema";
import { tomlWebhookSubscriptions } from "./app-toml-webhooks";
import { startEmulator } from "./emulator";
import { DEMO_FIXTURE_FILE, readShopsFixture } from "./fixtures/demo-fixture";

/**
 * `npm run emulator`: the emulator as a standalone server for the demo and for running the app locally.
 * Starts on PORT (default 4400) with the demo shops, delivers the webhooks of shopify.app.toml to the app at
 * SHOPIFY_APP_URL signed with SHOPIFY_API_SECRET, takes the app's emails over SMTP on SMTP_PORT (default 2525),
 * and with --snapshot keeps its state across restarts.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "smtp-port": { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    snapshot: { type: "string" },
    fixture: { type: "string" },
    "app-toml": { type: "string", default: "shopify.app.toml" },
  },
});

const port = portNumber("--port or PORT", values.port ?? process.env.PORT ?? "4400");
const smtpPort = portNumber("--smtp-port or SMTP_PORT", values["smtp-port"] ?? process.env.SMTP_PORT ?? "2525");
const shops = readShopsFixture(values.fixture ?? DEMO_FIXTURE_FILE);
const app = {
  apiKey: process.env.SHOPIFY_API_KEY ?? "tranche-emulator-key",
  apiSecret: process.env.SHOPIFY_API_SECRET ?? "tranche-emulator-secret",
  url: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000",
  webhooks: tomlWebhookSubscriptions(values["app-toml"]),
};
const started = performance.now();
const emulator = await startEmulator({
  shops,
  app,
  port,
  host: values.host,
  smtp: { port: smtpPort },
  ...(values.snapshot ? { snapshotFile: values.snapshot } : {}),
});

const lines = [
  `Tranche Shopify emulator on ${emulator.url} (Admin API ${ADMIN_API_VERSION}), started in ${Math.round(performance.now() - started)} ms`,
  `Admin GraphQL: ${emulator.adminUrl()} with the header X-Shopify-Access-Token`,
  "Shops:",
  ...[...emulator.store.shops.values()].map(
    (shop) => `  ${shop.settings.domain.padEnd(40)} ${shop.settings.plan.padEnd(6)} ${shop.settings.currencyCode}  token ${shop.settings.accessToken}`,
  ),
  `App: key ${app.apiKey}, webhooks signed with ${process.env.SHOPIFY_API_SECRET ? "SHOPIFY_API_SECRET" : `the secret ${app.apiSecret}`}, sent to ${app.url}`,
  ...app.webhooks.map((webhook) => `  ${webhook.topic} → ${webhook.uri}`),
  `App's emails: give the app SMTP_URL=${emulator.smtpUrl}; the control page shows them beside Shopify's`,
  `Control page (clock, mailboxes, orders): ${emulator.url}/_emulator`,
  `Inspect: ${emulator.url}/_emulator/webhooks  ${emulator.url}/_emulator/outbox  ${emulator.url}/_emulator/mail  ${emulator.url}/_emulator/clock`,
  values.snapshot ? `State is saved to ${values.snapshot} on exit.` : "State is in memory only (use --snapshot FILE to keep it).",
];
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}

function portNumber(name: string, text: string): number {
  const number = Number(text);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new Error(`${name} must be a port number, not ${text}`);
  return number;
}
