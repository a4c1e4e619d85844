import {
  getNamedType,
  isAbstractType,
  isLeafType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
} from "graphql";

/** Shopify's published limit on one query's requested cost. */
export const MAX_SINGLE_QUERY_COST = 1000;
const MUTATION_COST = 10;
const CONNECTION_BASE_COST = 2;

/**
 * Shopify's calculated query cost: scalars and enums 0, objects 1, connections 2 plus `first`/`last` times the
 * cost of one node, interfaces and unions the most expensive of their possible selections, mutations 10.
 */
export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): number {
  if (operation.operation === "mutation") return operation.selectionSet.selections.length * MUTATION_COST;
  const root = schema.getQueryType();
  if (!root) return 0;
  return selectionCost(schema, root, operation.selectionSet, fragments, variables);
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): number {
  let total = 0;
  let mostExpensiveFragment = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      const field = fieldOf(parent, selection.name.value);
      if (!field) continue;
      const type = getNamedType(field.type);
      if (isLeafType(type)) continue;
      const childCost = selection.selectionSet ? selectionCost(schema, type as GraphQLCompositeType, selection.selectionSet, fragments, variables) : 0;
      if (type.name.endsWith("Connection")) {
        const size = pageSize(selection.arguments ?? [], variables);
        total += CONNECTION_BASE_COST + size * connectionNodeCost(schema, type as GraphQLCompositeType, selection.selectionSet, fragments, variables);
      } else {
        total += 1 + childCost;
      }
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      const cost = selectionCost(schema, (condition ?? parent) as GraphQLCompositeType, fragment.selectionSet, fragments, variables);
      if (isAbstractType(parent)) mostExpensiveFragment = Math.max(mostExpensiveFragment, cost);
      else total += cost;
    }
  }
  return total + mostExpensiveFragment;
}

/** The cost of one item of a connection: what is selected under `edges { node }` or `nodes`. */
function connectionNodeCost(
  schema: GraphQLSchema,
  connection: GraphQLCompositeType,
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): number {
  if (!selectionSet) return 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const field = fieldOf(connection, selection.name.value);
    if (!field) continue;
    const type = getNamedType(field.type) as GraphQLCompositeType;
    if (selection.name.value === "nodes") cost += 1 + selectionCost(schema, type, selection.selectionSet, fragments, variables);
    if (selection.name.value === "edges") cost += selectionCost(schema, type, selection.selectionSet, fragments, variables);
  }
  return cost;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function pageSize(args: readonly { name: { value: string }; value: import("graphql").ValueNode }[], variables: Readonly<Record<string, unknown>>): number {
  for (const arg of args) {
    if (arg.name.value === "first" || arg.name.value === "last") {
      const value = valueFromASTUntyped(arg.value, variables as Record<string, unknown>);
      if (typeof value === "number") return value;
    }
  }
  return 1;
}
