import { buyerLinkSecret } from "../buyer/signed-links.server";
import type { BuyerMailDeps } from "../service-deps.server";
import { mailTransportFromEnvironment } from "./mail-transport.server";

/** The buyer's mail as the environment configures it: `SMTP_URL`, `MAIL_FROM`, `SHOPIFY_APP_URL`, the link secret. */
export function buyerMailFromEnvironment(env: NodeJS.ProcessEnv = process.env): BuyerMailDeps {
  return { transport: mailTransportFromEnvironment(env), appUrl: env.SHOPIFY_APP_URL || "http://localhost:3000", linkSecret: buyerLinkSecret(env) };
}
