/**
 * `npm run demo`: Tranche on this machine with no Shopify account. Builds the app, starts the local Shopify
 * emulator with the demo shops and their open draft orders, and serves the app signed in to one of them
 * (`--shop plus` for the Plus shop). `--skip-build` serves the build already in build/. Ctrl-C stops it.
 */
import { parseArgs } from "node:util";

import { LocalStackRefusedError, startLocalStack, type LocalStack } from "./local-stack";
import { startAvaTaxServer } from "../emulator/avatax/avatax-server";

/** The local AvaTax server's demo credentials: public, for this machine only (Settings → AvaTax). */
const DEMO_AVATAX = { accountId: "1100000001", licenseKey: "LOCALDEMOLICENSEKEY" } as const;

const { values } = parseArgs({
  options: {
    shop: { type: "string", default: "basic" },
    port: { type: "string", default: "3000" },
    "emulator-port": { type: "string", default: "4400" },
    "skip-build": { type: "boolean", default: false },
  },
});

let stack: LocalStack;
try {
  stack = await startLocalStack({
    build: !values["skip-build"],
    shop: values.shop,
    appPort: portOption("--port", values.port),
    emulatorPort: portOption("--emulator-port", values["emulator-port"]),
  });
} catch (error) {
  const message = (error as Error).message;
  console.error(error instanceof LocalStackRefusedError ? `error: ${message}` : `error: the demo did not start: ${message}`);
  process.exit(2);
}

const avatax = await startAvaTaxServer(DEMO_AVATAX);

console.log(
  [
    "",
    `Tranche is running against the local Shopify emulator, signed in to ${stack.shop}.`,
    "",
    `  Open the app:          ${stack.appUrl}/app`,
    `  Emulator control page: ${stack.emulatorUrl}/_emulator`,
    `  The buyer's mailbox:   ${stack.emulatorUrl}/_emulator#mailbox (Shopify's emails and the app's, sent to ${stack.smtpUrl})`,
    `  Local AvaTax server:   ${avatax.url} (Settings → AvaTax: environment ${avatax.url}, account ${DEMO_AVATAX.accountId}, license key ${DEMO_AVATAX.licenseKey})`,
    "",
    "  1. In the app, attach a plan to one of the open draft orders.",
    "  2. On the control page, open the deposit's payment page from the mailbox and pay it with the test card.",
    "  3. On the control page, move the clock forward (+7 days, +30 days, or to a date).",
    "  4. Back in the app, watch the contract page: stages fall due, are invoiced or charged, and get paid.",
    `     The app's emails to the buyer (payment requests, receipts, the portal link) arrive under "Emails from the app".`,
    "",
    "Press Ctrl-C to stop. Nothing is kept: the next start begins from the same demo shops.",
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log("\nStopping…");
    void Promise.all([stack.close(), avatax.close()]).then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`error while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  });
}

function portOption(name: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`error: ${name} must be a port number, not ${text}`);
    process.exit(2);
  }
  return port;
}
