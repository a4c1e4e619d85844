import { existsSync, readFileSync } from "node:fs";
import { parse } from "smol-toml";

/**
 * The app-specific webhook subscriptions of a `shopify.app.toml` (`[[webhooks.subscriptions]]` with `topics`
 * and `uri`), which Shopify delivers without any API call; compliance topics are included. Relative uris stay
 * relative: the dispatcher resolves them against the app's URL.
 */
export function tomlWebhookSubscriptions(file: string): { topic: string; uri: string }[] {
  if (!existsSync(file)) return [];
  const toml = parse(readFileSync(file, "utf8")) as { webhooks?: { subscriptions?: { topics?: string[]; compliance_topics?: string[]; uri?: string }[] } };
  return (toml.webhooks?.subscriptions ?? []).flatMap((subscription) =>
    subscription.uri
      ? [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])].map((topic) => ({ topic, uri: subscription.uri as string }))
      : [],
  );
}
