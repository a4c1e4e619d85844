import { Kind, parse, type ArgumentNode, type DirectiveNode, type OperationDefinitionNode } from "graphql";
import type { AdminOperations } from "../types/admin.generated";

/**
 * One Admin API operation: its `#graphql` text, and its result and variables types (generated from the real
 * schema by `npm run graphql-codegen`, looked up by operation name). What the retry policy needs to know about
 * it is read from the document itself.
 */
export interface AdminOperation<Result, Variables> {
  readonly name: string;
  readonly kind: "query" | "mutation";
  readonly source: string;
  /** Repeating it has the same effect as running it once (queries, and mutations declared so). */
  readonly idempotent: boolean;
  /** Variables holding an idempotency key (an `idempotencyKey` argument or `@idempotent(key:)`). */
  readonly idempotencyKeyVariables: readonly string[];
  /** Whether the document carries a literal idempotency key. */
  readonly literalIdempotencyKey: boolean;
  /** Type-level only: never set. */
  readonly types?: { readonly result: Result; readonly variables: Variables };
}

export interface AdminOperationOptions {
  /** A mutation whose repetition changes nothing more (it sets a value rather than adding one). */
  readonly idempotent?: boolean;
}

/** Declares an operation; `name` must be the document's operation name, which gives it its generated types. */
export function adminOperation<Name extends keyof AdminOperations>(
  name: Name,
  source: string,
  options: AdminOperationOptions = {},
): AdminOperation<AdminOperations[Name]["result"], AdminOperations[Name]["variables"]> {
  const operations = parse(source).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || !operation) throw new Error(`operation ${name}: a document holds exactly one operation`);
  if (operation.name?.value !== name) throw new Error(`operation ${name}: the document names it ${operation.name?.value ?? "nothing"}`);
  if (operation.operation === "subscription") throw new Error(`operation ${name}: subscriptions are not Admin API calls`);
  const keys = idempotencyKeys(operation);
  return {
    name,
    kind: operation.operation,
    source,
    idempotent: operation.operation === "query" || options.idempotent === true,
    idempotencyKeyVariables: keys.variables,
    literalIdempotencyKey: keys.literal,
  };
}

/** Idempotency keys given to root fields: `idempotencyKey: $key` arguments and `@idempotent(key: $key)`. */
function idempotencyKeys(operation: OperationDefinitionNode): { variables: string[]; literal: boolean } {
  const variables: string[] = [];
  let literal = false;
  const read = (argument: ArgumentNode | undefined) => {
    if (argument?.value.kind === Kind.VARIABLE) variables.push(argument.value.name.value);
    if (argument?.value.kind === Kind.STRING && argument.value.value.trim() !== "") literal = true;
  };
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    read(selection.arguments?.find((argument) => argument.name.value === "idempotencyKey"));
    const directive: DirectiveNode | undefined = selection.directives?.find((d) => d.name.value === "idempotent");
    read(directive?.arguments?.find((argument) => argument.name.value === "key"));
  }
  return { variables, literal };
}
