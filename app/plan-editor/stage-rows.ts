import { z } from "zod";
import { readStageConfig, type DueConfig, type ShareConfig, type StageConfig } from "../domain/plan/engine-config";
import { PlanError } from "../domain/plan-error";
import { parseDateStep } from "../domain/schedule/date-step-syntax";
import { MAX_INSTALLMENTS, STAGE_KINDS, type StageKind } from "../domain/plan/plan";

/**
 * One row of the stage form: the engine's stage config (see engine-config.ts) flattened into the texts and
 * choices a person edits. Every field is kept as typed, so a half-written row survives re-renders; the engine
 * judges it when the rows are compiled.
 */
export interface StageRow {
  readonly kind: StageKind;
  /** Blank: the kind's default title. */
  readonly title: string;
  readonly shareKind: ShareKind;
  /** The percent or fixed amount; unused by equal and remainder shares. */
  readonly shareValue: string;
  readonly dueKind: DueKind;
  /** N of "every N months" and of "N days after a named date" (blank: on the date itself). */
  readonly dueCount: string;
  readonly dueUnit: OffsetLetter;
  readonly dueFrom: DueFrom;
  /** The date steps of "after" and of a spread's "until N after the start", comma-separated: "1m, end of month". */
  readonly dueSteps: string;
  /** A spread's deadline: a date (`dueDate`), steps after its start (`dueSteps`) or an order date field (`dueName`). */
  readonly spreadUntil: SpreadUntil;
  /** `YYYY-MM-DD` for a fixed date or a spread's deadline. */
  readonly dueDate: string;
  /** A milestone's name or an order date field's name. */
  readonly dueName: string;
  /** The day of the month, or the day a monthly recurrence falls on (blank: the anchor's day). */
  readonly dueDay: string;
  /** Blank: no net terms. */
  readonly netDays: string;
  /** Blank: once. */
  readonly count: string;
}

export const SHARE_KINDS = ["percent", "fixed", "equal", "remainder"] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

export const DUE_KINDS = ["checkout", "after", "every", "on", "field", "dayOfMonth", "spread", "milestone", "fulfillmentCreated", "orderFulfilled"] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export const DUE_FROMS = ["orderDate", "paymentDueDate", "previousStage"] as const;
export type DueFrom = (typeof DUE_FROMS)[number];

export const SPREAD_UNTILS = ["date", "after", "field"] as const;
export type SpreadUntil = (typeof SPREAD_UNTILS)[number];

export const OFFSET_LETTERS = ["d", "w", "m"] as const;
export type OffsetLetter = (typeof OFFSET_LETTERS)[number];

export const stageRowSchema = z.object({
  kind: z.enum(STAGE_KINDS as [StageKind, ...StageKind[]]),
  title: z.string().max(255),
  shareKind: z.enum(SHARE_KINDS),
  shareValue: z.string().max(40),
  dueKind: z.enum(DUE_KINDS),
  dueCount: z.string().max(12),
  dueUnit: z.enum(OFFSET_LETTERS),
  dueFrom: z.enum(DUE_FROMS),
  dueSteps: z.string().max(200),
  spreadUntil: z.enum(SPREAD_UNTILS),
  dueDate: z.string().max(40),
  dueName: z.string().max(120),
  dueDay: z.string().max(12),
  netDays: z.string().max(12),
  count: z.string().max(12),
}) satisfies z.ZodType<StageRow>;

export const stageRowsSchema = z.array(stageRowSchema).max(MAX_INSTALLMENTS);

export function newStageRow(overrides: Partial<StageRow> = {}): StageRow {
  return {
    kind: "installment",
    title: "",
    shareKind: "remainder",
    shareValue: "",
    dueKind: "checkout",
    dueCount: "30",
    dueUnit: "d",
    dueFrom: "orderDate",
    dueSteps: "30d",
    spreadUntil: "after",
    dueDate: "",
    dueName: "",
    dueDay: "",
    netDays: "",
    count: "",
    ...overrides,
  };
}

/** The engine's `{"stages": […]}` config for the rows, to compile or to store. */
export function stageRowsToConfig(rows: readonly StageRow[]): { stages: Record<string, unknown>[] } {
  return {
    stages: rows.map((row, index) => {
      const key = `stages[${index}]`;
      const netDays = optionalInteger(row.netDays, `${key}.netDays`, "net days");
      const count = optionalInteger(row.count, `${key}.count`, "the number of installments");
      return {
        kind: row.kind,
        ...(row.title.trim() === "" ? {} : { title: row.title }),
        share: shareConfig(row),
        due: dueConfig(row, `${key}.due`),
        ...(netDays === undefined || netDays === 0 ? {} : { netDays }),
        ...(count === undefined || count === 1 ? {} : { count }),
      };
    }),
  };
}

function shareConfig(row: StageRow): unknown {
  switch (row.shareKind) {
    case "percent":
      return { percent: row.shareValue.trim() };
    case "fixed":
      return { fixed: row.shareValue.trim() };
    case "equal":
    case "remainder":
      return row.shareKind;
  }
}

function dueConfig(row: StageRow, key: string): unknown {
  const offset = `${row.dueCount.trim()}${row.dueUnit}`;
  switch (row.dueKind) {
    case "checkout":
      return "checkout";
    case "after":
      return { after: stepsConfig(row.dueSteps, `${key}.after`), from: row.dueFrom };
    case "every": {
      const onDay = optionalInteger(row.dueDay, key, "the day of the month");
      return { every: offset, ...(onDay === undefined ? {} : { onDay }) };
    }
    case "on":
      return { on: row.dueDate };
    case "field":
      return { field: row.dueName, ...(row.dueCount.trim() === "" ? {} : { after: offset }) };
    case "dayOfMonth":
      return {
        dayOfMonth: optionalInteger(row.dueDay, key, "the day of the month") ?? 0,
        from: row.dueFrom === "previousStage" ? "orderDate" : row.dueFrom,
      };
    case "spread": {
      const until =
        row.spreadUntil === "date"
          ? row.dueDate
          : row.spreadUntil === "field"
            ? { field: row.dueName }
            : { after: stepsConfig(row.dueSteps, `${key}.spread.until.after`) };
      return { spread: { until, from: row.dueFrom === "previousStage" ? "orderDate" : row.dueFrom } };
    }
    case "milestone":
      return { milestone: row.dueName };
    case "fulfillmentCreated":
    case "orderFulfilled":
      return { event: row.dueKind };
  }
}

const STEPS_HELP = "Write steps such as 30d, 2w, 1m, day 15, end of month or next day 5/20";

/**
 * The steps typed in one field ("1m, end of month") as the config writes them: one step as text, several as a
 * list. Each is read with the engine's parser here, so the field says what is wrong in the form's own words.
 */
function stepsConfig(text: string, key: string): string | string[] {
  const steps = text
    .split(",")
    .map((step) => step.trim())
    .filter((step) => step !== "");
  if (steps.length === 0) throw new PlanError(key, STEPS_HELP);
  for (const step of steps) {
    try {
      parseDateStep(step, key);
    } catch (error) {
      if (error instanceof PlanError) throw new PlanError(key, `“${step}” is not a step. ${STEPS_HELP}`);
      throw error;
    }
  }
  return steps.length === 1 ? (steps[0] as string) : steps;
}

/** Blank is absent; a whole number is passed on for the engine to range-check; anything else is an error here. */
function optionalInteger(text: string, key: string, what: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (!/^-?\d+$/.test(trimmed)) throw new PlanError(key, `${what} must be a whole number, not "${trimmed}"`);
  return Number(trimmed);
}

/**
 * The rows for a stored `{"stages": […]}` config, or null when it uses something the form cannot show (a list
 * of offsets after a named date, a recurrence anchor, plan-wide titles): such a plan is edited as JSON instead.
 */
export function stageRowsFromConfig(config: Readonly<Record<string, unknown>>): StageRow[] | null {
  if (Object.keys(config).some((key) => key !== "stages" && key !== "name")) return null;
  if (!Array.isArray(config.stages) || config.stages.length === 0) return null;
  const rows: StageRow[] = [];
  for (const [index, stage] of config.stages.entries()) {
    const row = stageRowFromConfig(stage, index);
    if (row === null) return null;
    rows.push(row);
  }
  return rows;
}

/** A stored stage as a row, read with the engine's own reader; null when it is invalid or the form cannot show it. */
function stageRowFromConfig(raw: unknown, index: number): StageRow | null {
  let stage: StageConfig;
  try {
    stage = readStageConfig(raw, `stages[${index}]`);
  } catch (error) {
    if (error instanceof PlanError) return null;
    throw error;
  }
  const due = dueFields(stage.due);
  if (due === null) return null;
  return newStageRow({
    kind: stage.kind,
    title: stage.title ?? "",
    ...shareFields(stage.share),
    ...due,
    netDays: stage.netDays === 0 ? "" : String(stage.netDays),
    count: stage.count === 1 ? "" : String(stage.count),
  });
}

function shareFields(share: ShareConfig): Pick<StageRow, "shareKind" | "shareValue"> {
  if (share === "equal" || share === "remainder") return { shareKind: share, shareValue: "" };
  return "percent" in share ? { shareKind: "percent", shareValue: share.percent } : { shareKind: "fixed", shareValue: share.fixed };
}

/** A row holds one offset of whole days, weeks or months for a recurrence or a named date: a list is edited as JSON. */
const ONE_OFFSET = /^\s*\d+[dwm]\s*$/;

function offsetFields(offset: string | readonly string[]): Pick<StageRow, "dueCount" | "dueUnit"> | null {
  if (typeof offset !== "string" || !ONE_OFFSET.test(offset)) return null;
  const trimmed = offset.trim();
  return { dueCount: trimmed.slice(0, -1), dueUnit: trimmed.slice(-1) as OffsetLetter };
}

/** The row's due fields, or null for a rule the form has no fields for (a recurrence's anchor, several offsets after a named date). */
function dueFields(due: DueConfig): Partial<StageRow> | null {
  switch (due.variant) {
    case "checkout":
      return { dueKind: "checkout" };
    case "after":
      return { dueKind: "after", dueFrom: due.from, dueSteps: stepsText(due.after) };
    case "every": {
      const offset = offsetFields(due.every);
      if (!offset || due.anchor !== undefined) return null;
      return { dueKind: "every", dueDay: due.onDay === undefined ? "" : String(due.onDay), ...offset };
    }
    case "on":
      return { dueKind: "on", dueDate: due.on };
    case "field": {
      if (due.after === undefined) return { dueKind: "field", dueName: due.field, dueCount: "" };
      const offset = offsetFields(due.after);
      return offset && { dueKind: "field", dueName: due.field, ...offset };
    }
    case "dayOfMonth":
      return { dueKind: "dayOfMonth", dueDay: String(due.dayOfMonth), dueFrom: due.from };
    case "milestone":
      return { dueKind: "milestone", dueName: due.milestone };
    case "event":
      return { dueKind: due.event };
    case "spread": {
      const { until, from } = due.spread;
      const deadline: Partial<StageRow> =
        typeof until === "string"
          ? { spreadUntil: "date", dueDate: until }
          : "field" in until
            ? { spreadUntil: "field", dueName: until.field }
            : { spreadUntil: "after", dueSteps: stepsText(until.after) };
      return { dueKind: "spread", dueFrom: from, ...deadline };
    }
  }
}

function stepsText(steps: string | readonly string[]): string {
  return (typeof steps === "string" ? [steps] : steps).map((step) => step.trim()).join(", ");
}
