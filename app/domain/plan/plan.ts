import type { CalendarDate } from "../dates/calendar-date";
import type { Offset } from "../dates/offset";
import type { PaymentRules } from "../payment-rules/payment-rules-config";
import type { DateStep } from "../schedule/due-dates";

/**
 * The installment plan model: an ordered list of stages, each with an amount rule, a due rule, net terms and a
 * title template. Plans are plain JSON-serialisable data (amounts and rates as decimal strings) so they can be
 * stored, diffed and edited; the JustOn-style syntax and the engine's own JSON config both compile into this.
 */
export interface Plan {
  readonly name?: string;
  readonly stages: readonly StageSpec[];
  /** Title template for stages without their own (see schedule/titles.ts for the placeholders). */
  readonly titleTemplate?: string;
  /** Titles by position (`"1"`, `"last"`) that win over every template, as JustOn's `titles` map allows. */
  readonly titlesByPosition?: Readonly<Record<string, string>>;
  /** When set, the stages are generated per service month or quarter at build time (JustOn `Service Month`). */
  readonly servicePeriods?: ServicePeriodRule;
  /** Early-payment discount, late fee or interest, cash rounding: the `paymentRules` block of any plan syntax. */
  readonly paymentRules?: PaymentRules;
}

/** What a stage is for; `preShipping` stages hold fulfillment until paid. */
export type StageKind = "deposit" | "milestone" | "preShipping" | "balance" | "installment" | "retainer";

export const STAGE_KINDS: readonly StageKind[] = ["deposit", "milestone", "preShipping", "balance", "installment", "retainer"];

/** Where a rule came from, so a schedule error can name the key (and column) the merchant wrote. */
export interface SourceRef {
  readonly key: string;
  readonly column?: number;
}

export interface StageSpec {
  readonly kind: StageKind;
  readonly title?: string;
  readonly amount: AmountRule;
  readonly due: DueRule;
  /** Net terms: the stage is invoiced on its due-rule date and payable this many days later. */
  readonly netDays: number;
  /**
   * A customer's payment days (negotiated terms, ascending, 1–31): the due date moves on to the next of these days
   * of a month, on or after the date the due rule and net days give.
   */
  readonly paymentDays?: readonly number[];
  readonly amountSource: SourceRef;
  readonly dueSource: SourceRef;
}

/**
 * How much a stage asks for. Percent stages are shares of the grand total (tax and shipping included); fixed
 * stages are amounts in the order's currency; equal and remainder stages share what percent and fixed stages
 * leave. `atLeast` on a remainder says the rest must not fall below that amount (JustOn `amount` on every
 * installment: the last one holds the rest).
 */
export type AmountRule =
  | { readonly kind: "percent"; readonly percent: string }
  | { readonly kind: "fixed"; readonly amount: string }
  | { readonly kind: "equal" }
  | { readonly kind: "remainder"; readonly atLeast?: string };

export type DateAnchor = "orderDate" | "paymentDueDate" | "previousStage";

export type Trigger =
  { readonly event: "milestone"; readonly milestone: string } | { readonly event: "fulfillmentCreated" } | { readonly event: "orderFulfilled" };

/**
 * When a stage falls due (before its net days).
 * - `atCheckout`: on the order date, paid at checkout.
 * - `offset`: steps (offsets, "day N", "end of month", "next day 5/20") applied in order from an anchor: "10 days
 *   after the end of the month" is [end of month, 10d]; a chain of `previousStage` offsets is resolved back to its
 *   first anchor so months never drift.
 * - `fixedDate`: a calendar date.
 * - `dateField`: a named date of the order (a draft-order custom attribute or metafield), plus optional offsets.
 * - `dayOfMonth`: the first day `day` on or after the anchor (this month if not passed, else next; clamped).
 * - `recurring`: the stage at `anchorPosition` plus (this position − anchorPosition) × `every`, optionally moved
 *   to day `onDay` of that month (clamped); "same day as the first" when `onDay` is absent.
 * - `trigger`: an event (milestone marked by staff, fulfillment created, order fulfilled) that dates the stage.
 * - `spread`: payment `index` (0-based) of `count` spread evenly, in whole days, from the start anchor to the deadline:
 *   the first on the start, the last on the deadline, the rest at the nearest day to their even share (half up).
 */
export type DueRule =
  | { readonly kind: "atCheckout" }
  | { readonly kind: "offset"; readonly from: DateAnchor; readonly offsets: readonly DateStep[] }
  | { readonly kind: "fixedDate"; readonly date: CalendarDate }
  | { readonly kind: "dateField"; readonly field: string; readonly offsets: readonly DateStep[] }
  | { readonly kind: "dayOfMonth"; readonly day: number; readonly from: "orderDate" | "paymentDueDate" }
  | { readonly kind: "recurring"; readonly anchorPosition: number; readonly every: Offset; readonly onDay?: number }
  | { readonly kind: "trigger"; readonly trigger: Trigger }
  | { readonly kind: "spread"; readonly from: "orderDate" | "paymentDueDate"; readonly until: Deadline; readonly index: number; readonly count: number };

/** The last day of a spread: a date, a named date of the order, or steps after the spread's start. */
export type Deadline =
  | { readonly kind: "date"; readonly date: CalendarDate }
  | { readonly kind: "field"; readonly field: string }
  | { readonly kind: "after"; readonly steps: readonly DateStep[] };

/**
 * One installment per calendar month or quarter touched by the service period between two named order dates;
 * each is due on the first service day of its period and carries the share of the total that its service days
 * are of all service days.
 */
export interface ServicePeriodRule {
  readonly unit: "month" | "quarter";
  readonly startField: string;
  readonly endField: string;
  readonly source: SourceRef;
}

/** Upper bound on installments per schedule: ten years of weekly payments. */
export const MAX_INSTALLMENTS = 520;
