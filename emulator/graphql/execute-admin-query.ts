import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from "graphql";
import { adminSchema } from "../admin-schema";
import type { ShopState } from "../state/model";
import type { EmulatorStore } from "../state/emulator-store";
import type { LeakyBucket, ThrottleStatus } from "./leaky-bucket";
import { MAX_SINGLE_QUERY_COST, requestedQueryCost } from "./query-cost";
import type { AdminContext, ResolverModule, RootResolver } from "./resolver-types";

export interface AdminRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

export interface AdminResponse {
  readonly status: number;
  readonly body: {
    data?: unknown;
    errors?: readonly object[];
    extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: ThrottleStatus } };
  };
}

const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

/**
 * Runs one Admin API request the way Shopify does: parse, validate against the real schema, price it, take the
 * cost from the shop's bucket (or answer THROTTLED), execute, and report the cost in `extensions.cost`.
 */
export function executeAdminQuery(
  store: EmulatorStore,
  shop: ShopState,
  bucket: LeakyBucket,
  modules: readonly ResolverModule[],
  request: AdminRequest,
): Promise<AdminResponse> | AdminResponse {
  const schema = adminSchema();
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return { status: 200, body: { errors: [(error as GraphQLError).toJSON()] } };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return { status: 200, body: { errors: validationErrors.map((error) => error.toJSON()) } };
  }
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) {
    return { status: 200, body: { errors: [{ message: "An operation name is required when the document has several operations" }] } };
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const variables = request.variables ?? {};
  const cost = requestedQueryCost(schema, operation, fragments, variables);
  if (cost > MAX_SINGLE_QUERY_COST) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_SINGLE_QUERY_COST, documentation: RATE_LIMIT_DOCS },
          },
        ],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } },
      },
    };
  }
  if (!bucket.take(cost)) {
    return {
      status: 200,
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS } }],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } },
      },
    };
  }

  const context: AdminContext = { store, shop };
  const rootValue = rootResolvers(modules, operation.operation === "mutation" ? "mutation" : "query");
  const finish = (result: { data?: unknown; errors?: readonly GraphQLError[] }): AdminResponse => ({
    status: 200,
    body: {
      ...(result.errors?.length ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
      data: result.data ?? null,
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: bucket.status() } },
    },
  });
  const result = execute({
    schema,
    document,
    rootValue,
    contextValue: context,
    variableValues: variables,
    operationName: request.operationName ?? undefined,
    fieldResolver: viewFieldResolver,
    typeResolver: viewTypeResolver,
  });
  return result instanceof Promise ? result.then(finish) : finish(result);
}

function rootResolvers(modules: readonly ResolverModule[], kind: "query" | "mutation"): Record<string, RootResolver> {
  const root: Record<string, RootResolver> = {};
  for (const module of modules) Object.assign(root, module[kind] ?? {});
  return root;
}

/**
 * Reads a field from a view: a function is called with the field's arguments, a value is returned as it is,
 * and a missing key is an error that names the field, so an unimplemented corner never looks like a null.
 */
const viewFieldResolver: GraphQLFieldResolver<unknown, AdminContext> = (source, args, context, info) => {
  if (source === null || source === undefined) return null;
  const view = source as Record<string, unknown>;
  if (!(info.fieldName in view)) {
    throw new GraphQLError(`The Tranche emulator does not implement ${info.parentType.name}.${info.fieldName}`, {
      extensions: { code: "NOT_IMPLEMENTED_IN_EMULATOR", typeName: info.parentType.name, fieldName: info.fieldName },
    });
  }
  const value = view[info.fieldName];
  return typeof value === "function" ? (value as RootResolver).call(view, args, context, info) : value;
};

const viewTypeResolver: GraphQLTypeResolver<unknown, AdminContext> = (value, _context, info) => {
  const typename = (value as { __typename?: unknown } | null)?.__typename;
  if (typeof typename !== "string") {
    throw new GraphQLError(`The Tranche emulator returned a value without __typename for the abstract type ${info.returnType.toString()}`);
  }
  return typename;
};
