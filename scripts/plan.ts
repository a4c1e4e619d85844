/**
 * Previews a plan against an order: prints the schedule as JSON, or one `error:` line and exit code 2.
 *   npm run --silent plan -- --config '<json>' --total 1200.00 --currency EUR --due 2027-01-31
 *     [--order-date YYYY-MM-DD] [--date FIELD=YYYY-MM-DD ...] [--tax '<json>'] [--tz Europe/Berlin]
 *     [--event milestone:NAME=YYYY-MM-DD | fulfillmentCreated=… | orderFulfilled=…]
 */
import { parseArgs } from "node:util";
import { PlanError } from "../app/domain/plan-error";
import { compilePlanConfig } from "../app/domain/plan/plan-config";
import { buildSchedule } from "../app/domain/schedule/build-schedule";
import { orderSnapshotFromInput, type OrderInput } from "../app/domain/schedule/order-input";
import { scheduleToJson } from "../app/domain/schedule/schedule-json";

class UsageError extends Error {}

/** `--total -5.00` is a value, not an option: Node's parser would refuse it in three lines of its own. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const next = argv[index + 1];
    if (/^--[a-z-]+$/.test(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      args.push(`${arg}=${next}`);
      index++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

function main(argv: readonly string[]): string {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        config: { type: "string" },
        total: { type: "string" },
        currency: { type: "string" },
        due: { type: "string" },
        "order-date": { type: "string" },
        date: { type: "string", multiple: true },
        tax: { type: "string" },
        tz: { type: "string" },
        event: { type: "string", multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] as string);
  }
  const config = parseJson(required(values.config, "config"), "config");
  const plan = compilePlanConfig(config);
  const order: OrderInput = {
    total: required(values.total, "total"),
    currency: required(values.currency, "currency"),
    timeZone: values.tz ?? "UTC",
    paymentDueDate: required(values.due, "due"),
    ...(values["order-date"] === undefined ? {} : { orderDate: values["order-date"] }),
    dates: Object.fromEntries((values.date ?? []).map((pair) => splitPair(pair, "date"))),
    taxLines: taxLines(values.tax),
    events: events(values.event ?? []),
    now: new Date(),
  };
  return JSON.stringify(scheduleToJson(buildSchedule(plan, orderSnapshotFromInput(order))), null, 2);
}

function required(value: string | undefined, key: string): string {
  if (value === undefined || value.trim() === "") throw new PlanError(key, `--${key} is required`);
  return value;
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlanError(key, `not valid JSON: ${(error as Error).message}`);
  }
}

function splitPair(pair: string, key: string): [string, string] {
  const at = pair.lastIndexOf("=");
  if (at <= 0) throw new PlanError(key, `"${pair}" is not NAME=YYYY-MM-DD`);
  return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
}

function taxLines(text: string | undefined): OrderInput["taxLines"] {
  if (text === undefined) return [];
  const lines = parseJson(text, "tax");
  if (!Array.isArray(lines)) throw new PlanError("tax", 'must be a JSON array of {"title", "amount"}');
  return lines.map((line: unknown, index) => {
    if (typeof line !== "object" || line === null) throw new PlanError(`tax[${index}]`, 'must be {"title", "amount"}');
    const { title, amount } = line as { title?: unknown; amount?: unknown };
    if (typeof amount !== "string" && typeof amount !== "number") throw new PlanError(`tax[${index}].amount`, "must be a decimal amount");
    return { title: typeof title === "string" ? title : "", amount: String(amount) };
  });
}

function events(pairs: readonly string[]): OrderInput["events"] {
  const milestones: Record<string, string> = {};
  const result: { fulfillmentCreated?: string; orderFulfilled?: string } = {};
  for (const pair of pairs) {
    const [name, date] = splitPair(pair, "event");
    if (name.startsWith("milestone:")) milestones[name.slice("milestone:".length)] = date;
    else if (name === "fulfillmentCreated" || name === "orderFulfilled") result[name] = date;
    else throw new PlanError("event", `"${name}" is not milestone:NAME, fulfillmentCreated or orderFulfilled`);
  }
  return { ...result, milestones };
}

try {
  process.stdout.write(`${main(process.argv.slice(2))}\n`);
} catch (error) {
  if (error instanceof PlanError || error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
