import { z } from "zod";
import { parseCalendarDate } from "../dates/calendar-date";
import { parseOffset } from "../dates/offset";
import { PlanError } from "../plan-error";
import { parseConfigValue } from "./config-value";
import { parseDateStep } from "../schedule/date-step-syntax";
import type { DateStep } from "../schedule/due-dates";
import { MAX_INSTALLMENTS, STAGE_KINDS, type AmountRule, type Deadline, type DueRule, type Plan, type StageKind, type StageSpec } from "./plan";
import { compileTitles } from "./titles-config";
import { validatePlan } from "./validate-plan";

/**
 * The engine's own plan config: a list of stages with explicit share, due rule and net terms.
 *
 * ```json
 * { "name": "30/50/20", "stages": [
 *   { "kind": "deposit", "share": { "percent": "30" }, "due": "checkout" },
 *   { "kind": "preShipping", "share": { "percent": "50" }, "due": { "milestone": "Ready to ship" } },
 *   { "kind": "balance", "share": "remainder", "due": { "event": "orderFulfilled" }, "netDays": 30 } ] }
 * ```
 * `share`: `{"percent": "30"}` | `{"fixed": "500.00"}` | `"equal"` | `"remainder"`.
 * `due`: `"checkout"` | `{"after": "30d" | ["6m","30d"] | ["end of month","10d"] | ["30d","next day 10"], "from":
 *   "orderDate" | "paymentDueDate" | "previousStage"}` (steps: `30d`, `2w`, `1m`, `day 15`, `end of month`, `next day 5/20`)
 *   | `{"on": "2027-03-15"}` | `{"field": "delivery_date", "after"?: "0d"}` | `{"dayOfMonth": 15, "from"?: …}`
 *   | `{"every": "1m", "anchor"?: 1, "onDay"?: 15}` | `{"milestone": "Ready to ship"}`
 *   | `{"event": "fulfillmentCreated" | "orderFulfilled"}`
 *   | `{"spread": {"until": "2027-06-30" | {"field": "event_date"} | {"after": "6m"}, "from"?: "orderDate" | "paymentDueDate"}}`
 *   (with `count`: the payments spread evenly from the start to the deadline, both included).
 * `count` repeats a stage; `every` counts from the installment at position `anchor`, by default the nearest
 * earlier installment whose own rule is not a recurrence.
 */
const decimalValue = z.union([z.string(), z.number().finite()]).transform(String);
const offsetList = z.union([z.string(), z.array(z.string()).min(1)]);

const shareSchema = z.union([
  z.literal("equal"),
  z.literal("remainder"),
  z.object({ percent: decimalValue }).strict(),
  z.object({ fixed: decimalValue }).strict(),
]);

// Tried in this order: an object is the first variant whose key it has (`after` is last, since `field` takes one too).
const dueSchemas = {
  on: z.object({ on: z.string() }).strict(),
  field: z.object({ field: z.string().trim().min(1), after: offsetList.optional() }).strict(),
  dayOfMonth: z.object({ dayOfMonth: z.number().int().min(1).max(31), from: z.enum(["orderDate", "paymentDueDate"]).default("orderDate") }).strict(),
  every: z.object({ every: z.string(), anchor: z.number().int().min(1).optional(), onDay: z.number().int().min(1).max(31).optional() }).strict(),
  milestone: z.object({ milestone: z.string().trim().min(1) }).strict(),
  event: z.object({ event: z.enum(["fulfillmentCreated", "orderFulfilled"]) }).strict(),
  spread: z
    .object({
      spread: z
        .object({
          until: z.union([z.string(), z.object({ field: z.string().trim().min(1) }).strict(), z.object({ after: offsetList }).strict()]),
          from: z.enum(["orderDate", "paymentDueDate"]).default("orderDate"),
        })
        .strict(),
    })
    .strict(),
  after: z.object({ after: offsetList, from: z.enum(["orderDate", "paymentDueDate", "previousStage"]).default("orderDate") }).strict(),
} as const;

const stageSchema = z
  .object({
    kind: z.enum(STAGE_KINDS as [string, ...string[]]).default("installment"),
    title: z.string().optional(),
    share: z.unknown(),
    due: z.unknown(),
    netDays: z.number().int().min(0).max(3650).default(0),
    count: z.number().int().min(1).max(MAX_INSTALLMENTS).default(1),
  })
  .strict();

const planSchema = z
  .object({
    name: z.string().optional(),
    stages: z.array(z.unknown()).min(1, "a plan needs at least one stage"),
    titles: z.unknown().optional(),
  })
  .strict();

export type ShareConfig = z.output<typeof shareSchema>;
type DueVariant = keyof typeof dueSchemas;
/** A stage's `due` as written, by its variant (the key that names it). */
export type DueConfig = { readonly variant: "checkout" } | { [V in DueVariant]: { readonly variant: V } & z.output<(typeof dueSchemas)[V]> }[DueVariant];

/** One stage of the config as written: checked against the schema, defaults filled in, not compiled (offsets stay text). */
export interface StageConfig {
  readonly kind: StageKind;
  readonly title?: string;
  readonly share: ShareConfig;
  readonly due: DueConfig;
  readonly netDays: number;
  readonly count: number;
}

/**
 * Reads stage `raw` at `key` (`stages[2]`) of a config, or throws the PlanError that names what is wrong. The plan
 * editor reads stored stages into its form rows through this too, so the form and the engine agree on the syntax.
 */
export function readStageConfig(raw: unknown, key: string): StageConfig {
  const stage = parseConfigValue(stageSchema, raw, key);
  return {
    kind: stage.kind as StageKind,
    ...(stage.title === undefined ? {} : { title: stage.title }),
    share: parseConfigValue(shareSchema, stage.share, `${key}.share`, 'must be "equal", "remainder", {"percent": "30"} or {"fixed": "500.00"}'),
    due: readDue(stage.due, `${key}.due`),
    netDays: stage.netDays,
    count: stage.count,
  };
}

function readDue(raw: unknown, key: string): DueConfig {
  if (raw === "checkout") return { variant: "checkout" };
  const variant =
    typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (Object.keys(dueSchemas) as DueVariant[]).find((name) => name in raw) : undefined;
  if (variant === undefined) {
    throw new PlanError(key, 'must be "checkout" or an object with one of: after, on, field, dayOfMonth, every, milestone, event, spread');
  }
  return { variant, ...parseConfigValue(dueSchemas[variant], raw, key) } as DueConfig;
}

export function compileEngineConfig(config: unknown): Plan {
  const top = parseConfigValue(planSchema, config, "");
  const stages: StageSpec[] = [];
  top.stages.forEach((rawStage, index) => {
    const key = `stages[${index}]`;
    const stage = readStageConfig(rawStage, key);
    if (stages.length + stage.count > MAX_INSTALLMENTS) {
      throw new PlanError(`${key}.count`, `a plan can have at most ${MAX_INSTALLMENTS} installments`);
    }
    const amount = shareRule(stage.share);
    for (let copy = 0; copy < stage.count; copy++) {
      stages.push({
        kind: stage.kind as StageSpec["kind"],
        ...(stage.title === undefined ? {} : { title: stage.title }),
        amount,
        due: dueRule(stage.due, `${key}.due`, stages, { index: copy, count: stage.count }),
        netDays: stage.netDays,
        amountSource: { key: `${key}.share` },
        dueSource: { key: `${key}.due` },
      });
    }
  });
  const plan: Plan = { ...(top.name === undefined ? {} : { name: top.name }), stages, ...compileTitles(top.titles) };
  validatePlan(plan);
  return plan;
}

function shareRule(share: ShareConfig): AmountRule {
  if (share === "equal") return { kind: "equal" };
  if (share === "remainder") return { kind: "remainder" };
  return "percent" in share ? { kind: "percent", percent: share.percent } : { kind: "fixed", amount: share.fixed };
}

/** `copy`: which of the stage's `count` copies this is (a spread places each copy on its own day). */
function dueRule(due: DueConfig, key: string, earlier: readonly StageSpec[], copy: { index: number; count: number }): DueRule {
  switch (due.variant) {
    case "checkout":
      return { kind: "atCheckout" };
    case "after":
      return { kind: "offset", from: due.from, offsets: offsets(due.after, `${key}.after`) };
    case "on":
      return { kind: "fixedDate", date: parseCalendarDate(due.on, `${key}.on`) };
    case "field":
      return { kind: "dateField", field: due.field, offsets: due.after ? offsets(due.after, `${key}.after`) : [] };
    case "dayOfMonth":
      return { kind: "dayOfMonth", day: due.dayOfMonth, from: due.from };
    case "every": {
      const anchorPosition = due.anchor ?? nearestNonRecurring(earlier);
      if (anchorPosition === undefined) throw new PlanError(key, "a recurrence needs an earlier stage to count from");
      return {
        kind: "recurring",
        anchorPosition,
        every: parseOffset(due.every, `${key}.every`),
        ...(due.onDay === undefined ? {} : { onDay: due.onDay }),
      };
    }
    case "milestone":
      return { kind: "trigger", trigger: { event: "milestone", milestone: due.milestone } };
    case "event":
      return { kind: "trigger", trigger: { event: due.event } };
    case "spread":
      return { kind: "spread", from: due.spread.from, until: deadline(due.spread.until, `${key}.spread.until`), index: copy.index, count: copy.count };
  }
}

function deadline(until: string | { field: string } | { after: string | string[] }, key: string): Deadline {
  if (typeof until === "string") return { kind: "date", date: parseCalendarDate(until, key) };
  if ("field" in until) return { kind: "field", field: until.field };
  return { kind: "after", steps: offsets(until.after, `${key}.after`) };
}

function nearestNonRecurring(earlier: readonly StageSpec[]): number | undefined {
  for (let index = earlier.length - 1; index >= 0; index--) {
    if (earlier[index]?.due.kind !== "recurring") return index + 1;
  }
  return undefined;
}

function offsets(value: string | string[], key: string): DateStep[] {
  return (Array.isArray(value) ? value : [value]).map((text, index) => parseDateStep(text, Array.isArray(value) ? `${key}[${index}]` : key));
}
