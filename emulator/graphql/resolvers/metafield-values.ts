import { GraphQLError } from "graphql";

/**
 * Metafield types: which names Shopify accepts, whether a value fits its type (for the types the emulator
 * checks), and `jsonValue`. Messages follow Shopify's wording where it is known; a real type the emulator does
 * not check (references, measurements) is answered with a "not implemented" error rather than accepted blindly.
 */

const CHECKED_TYPES = new Set([
  "single_line_text_field",
  "multi_line_text_field",
  "json",
  "boolean",
  "number_integer",
  "number_decimal",
  "date",
  "date_time",
  "url",
  "money",
  "color",
  "list.single_line_text_field",
]);

const OTHER_REAL_TYPES = new Set([
  "rich_text_field",
  "rating",
  "dimension",
  "volume",
  "weight",
  "link",
  "id",
  "language",
  "file_reference",
  "product_reference",
  "variant_reference",
  "collection_reference",
  "page_reference",
  "metaobject_reference",
  "mixed_reference",
  "customer_reference",
  "company_reference",
  "article_reference",
  "order_reference",
  "product_taxonomy_value_reference",
]);

export type TypeCheck = "valid" | "invalid" | "unchecked";

export function checkTypeName(type: string): TypeCheck {
  if (CHECKED_TYPES.has(type)) return "valid";
  const base = type.startsWith("list.") ? type.slice("list.".length) : type;
  return OTHER_REAL_TYPES.has(base) || CHECKED_TYPES.has(base) ? "unchecked" : "invalid";
}

export function notImplementedType(type: string): GraphQLError {
  return new GraphQLError(`The Tranche emulator does not implement metafields of type ${type}`, { extensions: { code: "NOT_IMPLEMENTED_IN_EMULATOR" } });
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const URL_SCHEMES = /^(https?|mailto|sms|tel):/;

/** The message of the error for a value that does not fit `type`, or undefined when it fits. */
export function valueProblem(type: string, value: string): string | undefined {
  switch (type) {
    case "single_line_text_field":
      return /[\r\n]/.test(value) ? "Value must be a single line text string." : undefined;
    case "multi_line_text_field":
      return undefined;
    case "boolean":
      return value === "true" || value === "false" ? undefined : "Value must be true or false.";
    case "number_integer":
      return INTEGER.test(value) && Number.isSafeInteger(Number(value)) ? undefined : "Value must be an integer.";
    case "number_decimal":
      return DECIMAL.test(value) ? undefined : "Value must be a decimal.";
    case "date":
      return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? undefined : "Value must be in YYYY-MM-DD format.";
    case "date_time":
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : "Value must be in YYYY-MM-DDTHH:MM:SS format.";
    case "url":
      return URL_SCHEMES.test(value) && URL.canParse(value) ? undefined : "Value must be a valid URL.";
    case "color":
      return COLOR.test(value) ? undefined : "Value must be a hex color code.";
    case "json":
      return jsonProblem(value);
    case "money":
      return moneyProblem(value);
    case "list.single_line_text_field":
      return listProblem(value);
    default:
      return undefined;
  }
}

function jsonProblem(value: string): string | undefined {
  try {
    JSON.parse(value);
    return undefined;
  } catch (error) {
    return `Value is invalid JSON: ${(error as Error).message}.`;
  }
}

/** A money value is `{"amount": "12.50", "currency_code": "EUR"}`, the amount a decimal string. */
function moneyProblem(value: string): string | undefined {
  try {
    const money = JSON.parse(value) as { amount?: unknown; currency_code?: unknown };
    if (typeof money.amount === "string" && DECIMAL.test(money.amount) && typeof money.currency_code === "string" && /^[A-Z]{3}$/.test(money.currency_code))
      return undefined;
  } catch {
    // Not JSON: the same answer as a malformed object.
  }
  return "Value must be a money object with an amount and a currency_code.";
}

function listProblem(value: string): string | undefined {
  try {
    const list = JSON.parse(value) as unknown;
    if (Array.isArray(list) && list.every((item) => typeof item === "string" && !/[\r\n]/.test(item))) return undefined;
  } catch {
    // Not JSON: the same answer as a list of the wrong things.
  }
  return "Value must be an array of single line text strings.";
}

/** `Metafield.jsonValue`: integers and booleans as JSON scalars, JSON types parsed, everything else the string. */
export function jsonValueOf(type: string, value: string): unknown {
  if (type === "number_integer") return Number(value);
  if (type === "boolean") return value === "true";
  if (type === "json" || type === "money" || type.startsWith("list.")) return JSON.parse(value) as unknown;
  return value;
}
