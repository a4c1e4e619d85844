import { createHash } from "node:crypto";
import type { Metafield, ShopState } from "../../state/model";
import { legacyId } from "../views";
import { shopifyDateTime } from "../shopify-date-time";
import type { AdminContext, ResolverModule, UserError } from "../resolver-types";
import { checkTypeName, jsonValueOf, notImplementedType, valueProblem } from "./metafield-values";

/**
 * `metafieldsSet` and `metafieldsDelete`, and the one way metafields are written (`setMetafields`, also used
 * by draft order create and update) and viewed. A set is atomic: every input is checked (owner, key,
 * namespace, type, value, compareDigest) before anything is written, and one error leaves the state untouched.
 */

const MAX_METAFIELDS_PER_SET = 25;
/** The emulator's one app: `$app` and an omitted namespace resolve to its reserved namespace. */
const APP_RESERVED_NAMESPACE = "app--1";

/** `MetafieldsSetUserError`: a `UserError` that also names the input element at fault. */
export interface MetafieldsSetUserError extends UserError {
  readonly elementIndex: number | null;
}

export interface SetInput {
  readonly ownerId: string;
  readonly namespace?: string | null;
  readonly key: string;
  readonly type?: string | null;
  readonly value: string;
  readonly compareDigest?: string | null;
}

/** Owner GID types the emulator's state holds, and their `MetafieldOwnerType`. */
const OWNER_TYPES: Readonly<Record<string, { ownerType: string; exists: (shop: ShopState, id: string) => boolean }>> = {
  DraftOrder: { ownerType: "DRAFTORDER", exists: (shop, id) => shop.draftOrders.some((draft) => draft.id === id) },
  Order: { ownerType: "ORDER", exists: (shop, id) => shop.orders.some((order) => order.id === id) },
  Customer: { ownerType: "CUSTOMER", exists: (shop, id) => shop.customers.some((customer) => customer.id === id) },
  Product: { ownerType: "PRODUCT", exists: (shop, id) => shop.products.some((product) => product.id === id) },
  ProductVariant: { ownerType: "PRODUCTVARIANT", exists: (shop, id) => shop.products.some((product) => product.variants.some((variant) => variant.id === id)) },
  Company: { ownerType: "COMPANY", exists: (shop, id) => shop.companies.some((company) => company.id === id) },
  CompanyLocation: {
    ownerType: "COMPANY_LOCATION",
    exists: (shop, id) => shop.companies.some((company) => company.locations.some((location) => location.id === id)),
  },
};

const ownerTypeName = (ownerId: string) => /^gid:\/\/shopify\/([A-Za-z]+)\/[^/]+$/.exec(ownerId)?.[1];

/** `$app` (alone or as `$app:suffix`) and an omitted namespace mean the app's reserved namespace. */
export function resolveNamespace(namespace: string | null | undefined): string {
  if (namespace === null || namespace === undefined || namespace === "$app") return APP_RESERVED_NAMESPACE;
  return namespace.startsWith("$app:") ? `${APP_RESERVED_NAMESPACE}--${namespace.slice("$app:".length)}` : namespace;
}

/** Shopify's digest of a persisted value, compared with `compareDigest` for compare-and-set. */
function digestOf(metafield: Pick<Metafield, "type" | "value">): string {
  return createHash("sha256").update(`${metafield.type}\u0000${metafield.value}`).digest("hex");
}

export function findMetafield(shop: ShopState, ownerId: string, namespace: string, key: string): Metafield | undefined {
  return shop.metafields.find((metafield) => metafield.ownerId === ownerId && metafield.namespace === namespace && metafield.key === key);
}

function lengthErrors(name: "Key" | "Namespace", value: string, min: number, max: number, field: string[], elementIndex: number): MetafieldsSetUserError[] {
  const error = (message: string, code: string) => [{ field, message, code, elementIndex }];
  if (value.length < min) return error(`${name} is too short (minimum is ${min} characters)`, "TOO_SHORT");
  if (value.length > max) return error(`${name} is too long (maximum is ${max} characters)`, "TOO_LONG");
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return error(`${name} contains one or more invalid characters.`, "INVALID");
  return [];
}

/** The errors of one input, and the type it will be stored with. */
function checkInput(shop: ShopState, input: SetInput, index: number): { errors: MetafieldsSetUserError[]; type?: string } {
  const at = (name: string) => ["metafields", String(index), name];
  const error = (name: string, message: string, code: string): MetafieldsSetUserError => ({ field: at(name), message, code, elementIndex: index });
  const typeName = ownerTypeName(input.ownerId);
  const owner = typeName ? OWNER_TYPES[typeName] : undefined;
  if (!owner || !owner.exists(shop, input.ownerId)) return { errors: [error("ownerId", "Owner does not exist.", "INVALID")] };

  const errors = [...lengthErrors("Key", input.key, 2, 64, at("key"), index)];
  if (input.namespace !== undefined && input.namespace !== null && !input.namespace.startsWith("$app")) {
    errors.push(...lengthErrors("Namespace", input.namespace, 3, 255, at("namespace"), index));
  }
  const existing = findMetafield(shop, input.ownerId, resolveNamespace(input.namespace), input.key);
  const type = input.type ?? existing?.type;
  if (!type) return { errors: [...errors, error("type", "Type can't be blank", "BLANK")] };
  const typeCheck = checkTypeName(type);
  if (typeCheck === "invalid") return { errors: [...errors, error("type", `Type '${type}' is not a valid metafield type.`, "INVALID_TYPE")] };
  if (typeCheck === "unchecked") throw notImplementedType(type);
  if (input.value.trim() === "") errors.push(error("value", "Value can't be blank.", "BLANK"));
  else {
    const problem = valueProblem(type, input.value);
    if (problem) errors.push(error("value", problem, "INVALID_VALUE"));
  }
  if (input.compareDigest !== undefined) {
    const stale = input.compareDigest === null ? existing !== undefined : !existing || digestOf(existing) !== input.compareDigest;
    if (stale)
      errors.push(
        error("compareDigest", "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", "STALE_OBJECT"),
      );
  }
  return { errors, type };
}

export function metafieldView(metafield: Metafield) {
  const typeName = ownerTypeName(metafield.ownerId) ?? "";
  return {
    __typename: "Metafield",
    id: metafield.id,
    legacyResourceId: String(legacyId(metafield.id)),
    namespace: metafield.namespace,
    key: metafield.key,
    type: metafield.type,
    value: metafield.value,
    jsonValue: jsonValueOf(metafield.type, metafield.value),
    compareDigest: digestOf(metafield),
    description: null,
    definition: null,
    reference: null,
    ownerType: OWNER_TYPES[typeName]?.ownerType ?? null,
    owner: { __typename: typeName, id: metafield.ownerId },
    createdAt: shopifyDateTime(metafield.createdAt),
    updatedAt: shopifyDateTime(metafield.updatedAt),
  };
}

/** Checks every input, then writes them all; with any error nothing is written. */
export function setMetafields(
  { store, shop }: Pick<AdminContext, "store" | "shop">,
  inputs: readonly SetInput[],
): { metafields: Metafield[]; userErrors: MetafieldsSetUserError[] } {
  if (inputs.length > MAX_METAFIELDS_PER_SET) {
    const tooMany: MetafieldsSetUserError = {
      field: ["metafields"],
      message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS_PER_SET}.`,
      code: "LESS_THAN_OR_EQUAL_TO",
      elementIndex: null,
    };
    return { metafields: [], userErrors: [tooMany] };
  }
  const checked = inputs.map((input, index) => checkInput(shop, input, index));
  const userErrors = checked.flatMap((check) => check.errors);
  if (userErrors.length > 0) return { metafields: [], userErrors };

  const now = store.clock.nowIso();
  const metafields = inputs.map((input, index) => {
    const type = checked[index]!.type!;
    const namespace = resolveNamespace(input.namespace);
    const existing = findMetafield(shop, input.ownerId, namespace, input.key);
    if (existing) {
      existing.type = type;
      existing.value = input.value;
      existing.updatedAt = now;
      return existing;
    }
    const created: Metafield = {
      id: store.newId("Metafield"),
      ownerId: input.ownerId,
      namespace,
      key: input.key,
      type,
      value: input.value,
      createdAt: now,
      updatedAt: now,
    };
    shop.metafields.push(created);
    return created;
  });
  return { metafields, userErrors: [] };
}

function metafieldsSet({ metafields }: { metafields: readonly SetInput[] }, context: AdminContext) {
  const result = setMetafields(context, metafields);
  return { metafields: result.metafields.map(metafieldView), userErrors: result.userErrors };
}

function metafieldsDelete({ metafields }: { metafields: readonly { ownerId: string; namespace: string; key: string }[] }, { shop }: AdminContext) {
  const deletedMetafields = metafields.map((identifier) => {
    const namespace = resolveNamespace(identifier.namespace);
    const found = findMetafield(shop, identifier.ownerId, namespace, identifier.key);
    if (!found) return null;
    shop.metafields = shop.metafields.filter((metafield) => metafield !== found);
    return { __typename: "MetafieldIdentifier", ownerId: found.ownerId, namespace: found.namespace, key: found.key };
  });
  return { deletedMetafields, userErrors: [] };
}

export const metafieldResolvers: ResolverModule = {
  mutation: {
    metafieldsSet: (args, context) => metafieldsSet(args as { metafields: readonly SetInput[] }, context),
    metafieldsDelete: (args, context) => metafieldsDelete(args as { metafields: readonly { ownerId: string; namespace: string; key: string }[] }, context),
  },
};
