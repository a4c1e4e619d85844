import { ADMIN_API_VERSION } from "../../admin-schema";
import type { ShopState, WebhookSubscription } from "../../state/model";
import type { AdminContext, ResolverModule, UserError } from "../resolver-types";
import { connection, legacyId } from "../views";

/**
 * Shop-scoped webhook subscriptions made through the API (`webhookSubscriptionCreate/Update/Delete`,
 * `webhookSubscriptions`): the dispatcher delivers events to them as to the app's TOML subscriptions. The
 * emulator can only deliver over HTTP(S) in JSON; Pub/Sub and EventBridge addresses are refused.
 */
export const webhookSubscriptionResolvers: ResolverModule = {
  query: {
    webhookSubscription: ({ id }, { shop }) => {
      const subscription = find(shop, id);
      return subscription ? view(subscription) : null;
    },
    webhookSubscriptions: (args, { shop }) => {
      const uri: string | undefined = args.uri ?? args.callbackUrl ?? undefined;
      const topics: string[] | undefined = args.topics ?? undefined;
      const matching = shop.webhookSubscriptions.filter(
        (subscription) =>
          (!topics || topics.includes(subscription.topic)) && (uri === undefined || subscription.uri === uri) && (!args.format || args.format === "JSON"),
      );
      const sorted = [...matching].sort((a, b) =>
        args.sortKey === "ID" ? legacyId(a.id) - legacyId(b.id) : a.createdAt.localeCompare(b.createdAt) || legacyId(a.id) - legacyId(b.id),
      );
      return connection(sorted, args, view);
    },
    webhookSubscriptionsCount: (_args, { shop }) => ({ __typename: "Count", count: shop.webhookSubscriptions.length, precision: "EXACT" }),
  },
  mutation: {
    webhookSubscriptionCreate: ({ topic, webhookSubscription: input }, context) => {
      const { shop, store } = context;
      const errors = inputErrors(shop, topic, input, undefined);
      if (errors.length > 0) return { webhookSubscription: null, userErrors: errors };
      const now = store.clock.nowIso();
      const subscription: WebhookSubscription = {
        id: store.newId("WebhookSubscription"),
        topic,
        createdAt: now,
        updatedAt: now,
        ...settings(input, undefined),
      };
      shop.webhookSubscriptions.push(subscription);
      return { webhookSubscription: view(subscription), userErrors: [] };
    },
    webhookSubscriptionUpdate: ({ id, webhookSubscription: input }, context: AdminContext) => {
      const { shop, store } = context;
      const index = shop.webhookSubscriptions.findIndex((subscription) => subscription.id === id);
      const current = shop.webhookSubscriptions[index];
      if (!current) return { webhookSubscription: null, userErrors: [notFound] };
      const errors = inputErrors(shop, current.topic, input, current);
      if (errors.length > 0) return { webhookSubscription: null, userErrors: errors };
      const updated: WebhookSubscription = { ...current, ...settings(input, current), updatedAt: store.clock.nowIso() };
      shop.webhookSubscriptions[index] = updated;
      return { webhookSubscription: view(updated), userErrors: [] };
    },
    webhookSubscriptionDelete: ({ id }, { shop }) => {
      const index = shop.webhookSubscriptions.findIndex((subscription) => subscription.id === id);
      if (index < 0) return { deletedWebhookSubscriptionId: null, userErrors: [notFound] };
      shop.webhookSubscriptions.splice(index, 1);
      return { deletedWebhookSubscriptionId: id, userErrors: [] };
    },
  },
};

const notFound: UserError = { field: ["id"], message: "Webhook subscription does not exist" };

interface SubscriptionInput {
  readonly callbackUrl?: string | null;
  readonly uri?: string | null;
  readonly format?: string | null;
  readonly filter?: string | null;
  readonly includeFields?: readonly string[] | null;
  readonly metafieldNamespaces?: readonly string[] | null;
  readonly name?: string | null;
}

/** The address a create or update names, and the input field it came from (`uri` wins over the deprecated `callbackUrl`). */
function addressOf(input: SubscriptionInput): { uri: string; field: string } | undefined {
  if (typeof input.uri === "string") return { uri: input.uri, field: "uri" };
  if (typeof input.callbackUrl === "string") return { uri: input.callbackUrl, field: "callbackUrl" };
  return undefined;
}

function inputErrors(shop: ShopState, topic: string, input: SubscriptionInput, current: WebhookSubscription | undefined): UserError[] {
  const address = addressOf(input);
  const field = ["webhookSubscription", address?.field ?? "callbackUrl"];
  if (!address) return current ? [] : [{ field, message: "Address can't be blank" }];
  if (address.uri.trim() === "") return [{ field, message: "Address can't be blank" }];
  let url: URL;
  try {
    url = new URL(address.uri);
  } catch {
    return [{ field, message: "Address is invalid" }];
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return [{ field, message: `Address protocol ${url.protocol}// is not supported by the Tranche emulator (HTTP and HTTPS only)` }];
  if (input.format === "XML") return [{ field: ["webhookSubscription", "format"], message: "The Tranche emulator sends JSON webhooks only" }];
  const taken = shop.webhookSubscriptions.some(
    (subscription) => subscription.topic === topic && subscription.uri === address.uri && subscription.id !== current?.id,
  );
  return taken ? [{ field, message: "Address for this topic has already been taken" }] : [];
}

/** The stored settings from an input, keeping what an update leaves out. */
function settings(input: SubscriptionInput, current: WebhookSubscription | undefined) {
  const pick = <T>(value: T | null | undefined, previous: T | undefined) => (value === undefined || value === null ? previous : value);
  const name = pick(input.name, current?.name);
  const filter = pick(input.filter, current?.filter);
  return {
    uri: addressOf(input)?.uri ?? (current?.uri as string),
    ...(name === undefined ? {} : { name }),
    ...(filter === undefined ? {} : { filter }),
    includeFields: pick(input.includeFields, current?.includeFields) ?? [],
    metafieldNamespaces: pick(input.metafieldNamespaces, current?.metafieldNamespaces) ?? [],
  };
}

function find(shop: ShopState, id: string): WebhookSubscription | undefined {
  return shop.webhookSubscriptions.find((subscription) => subscription.id === id);
}

function view(subscription: WebhookSubscription) {
  return {
    __typename: "WebhookSubscription",
    id: subscription.id,
    legacyResourceId: String(legacyId(subscription.id)),
    topic: subscription.topic,
    uri: subscription.uri,
    callbackUrl: subscription.uri,
    endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: subscription.uri },
    format: "JSON",
    filter: subscription.filter ?? null,
    includeFields: subscription.includeFields ?? [],
    metafieldNamespaces: subscription.metafieldNamespaces ?? [],
    metafields: [],
    name: subscription.name ?? null,
    apiVersion: { __typename: "ApiVersion", handle: ADMIN_API_VERSION, displayName: ADMIN_API_VERSION, supported: true },
    createdAt: subscription.createdAt,
    updatedAt: subscription.updatedAt ?? subscription.createdAt,
  };
}
