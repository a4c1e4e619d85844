import { addDays, isBefore, type CalendarDate } from "../dates/calendar-date";
import type { Currency } from "../money/currency";
import { formatMinorUnits } from "../money/minor-units";
import { MAX_INSTALLMENTS, STAGE_KINDS, type StageKind, type Trigger } from "../plan/plan";
import { formatDateStep, isValidDateStep } from "../schedule/date-step-syntax";
import { paymentDaysOf, stepsToIssue, type DateStep } from "../schedule/due-dates";
import { paymentDaysProblem } from "../customers/customer-terms";
import type { TaxLine } from "../schedule/order-snapshot";
import { allocateTaxLines } from "../schedule/tax";
import { titleFor } from "../schedule/titles";
import { resolveRevisionAmounts, type RevisionAmount } from "./revision-amounts";
import { ScheduleRevisionError, type RevisionIssue } from "./revision-error";
import type { StageStatus } from "./stage-status";

export type { RevisionAmount } from "./revision-amounts";
export { ScheduleRevisionError, type RevisionField, type RevisionIssue } from "./revision-error";

/** The event a stage waits for, and the steps from it to the due date, net days included (as schedule/due-dates.ts freezes them). */
export interface StageTrigger {
  readonly trigger: Trigger;
  readonly steps: readonly DateStep[];
}

/** A stage as a revision reads and writes it: what the database holds of it, its collection state aside. Money in minor units. */
export interface RevisionStage {
  readonly position: number;
  readonly kind: StageKind;
  readonly title: string;
  /** Tax included. */
  readonly amount: bigint;
  /** This stage's share of each of the order's tax lines, in the order's tax-line order. */
  readonly tax: readonly TaxLine[];
  readonly issueDate: CalendarDate | null;
  readonly dueDate: CalendarDate | null;
  readonly netDays: number;
  readonly trigger?: StageTrigger | undefined;
}

/** A stage of the contract as stored, with what decides whether a revision may touch it. */
export interface CurrentStage extends RevisionStage {
  readonly status: StageStatus;
  /** Money received on the stage (payments, offline payments). */
  readonly paid: bigint;
  /** Money given back from the stage; any locks it as a payment does. */
  readonly refunded?: bigint;
  /**
   * Shopify may be collecting the stage as it stands: a saved-card charge was asked for and its outcome is not
   * recorded yet, or (stage orders) its draft was already completed into an order, which cannot be repriced.
   */
  readonly chargeInFlight?: boolean;
}

/** What a revision needs to know of a contract. */
export interface RevisableContract {
  readonly currency: Currency;
  /** The order's grand total, which the stages share. */
  readonly total: bigint;
  /** The order's tax lines, which the stages' tax shares split. */
  readonly taxLines: readonly TaxLine[];
  /** By position. */
  readonly stages: readonly CurrentStage[];
}

/**
 * When a revised stage falls due.
 * - `date`: a calendar date in the shop's zone; invoiced `netDays` before it (the issue date), on the day itself by default.
 * - `trigger`: an event (a milestone staff mark, the first fulfillment, the order fulfilled), then `steps` to the
 *   issue date and `netDays` more to the due date, as a plan's trigger rule with net terms. The collection planner
 *   dates the stage when the event is known (also when it already happened).
 */
export type RevisionDue =
  | { readonly kind: "date"; readonly dueDate: CalendarDate; readonly netDays?: number }
  | {
      readonly kind: "trigger";
      readonly trigger: Trigger;
      readonly steps?: readonly DateStep[];
      readonly netDays?: number;
      /** The customer's payment days the stage was frozen with: after the net days, the due date moves to the next of them. */
      readonly paymentDays?: readonly number[];
    };

/** One stage of the revised schedule, as staff give it: the revision lists the stages that are not frozen, in order. */
export interface StageRevisionRow {
  readonly kind: StageKind;
  /** The stage's title as the buyer sees it; by default the kind's title ("Installment 3 of 4"). */
  readonly title?: string;
  readonly amount: RevisionAmount;
  readonly due: RevisionDue;
}

/**
 * Why a revision must leave a stage exactly as it is (amount, tax shares, position and dates):
 * money touched it (`paid`, `partlyPaid`, `refunded`: the ledger and Shopify's orders refer to it as it is), a
 * saved-card charge of it is on its way (`charging`: it may yet pay it), or it was `cancelled` (written off: its
 * amount is no longer owed, and a revision does not bring it back).
 */
export type FrozenReason = "paid" | "partlyPaid" | "refunded" | "charging" | "cancelled";

/** Null when a revision may change, move or remove the stage. */
export function frozenReason(stage: CurrentStage): FrozenReason | null {
  if (stage.status === "refunded") return "refunded";
  if (stage.status === "paid") return "paid";
  if (stage.paid > 0n || (stage.refunded ?? 0n) > 0n) return "partlyPaid";
  if (stage.chargeInFlight) return "charging";
  if (stage.status === "cancelled") return "cancelled";
  return null;
}

/** A part of a stage that can differ between two versions of it. */
export type StageField = "kind" | "title" | "amount" | "due" | "tax";

/**
 * - `unchanged`: the stage at this position keeps its kind, title, amount and due rule and dates, so its Shopify
 *   objects (stage draft order, link, invoice) still hold; its tax shares may still have moved (`fields` says so),
 *   which only the database holds (a stage draft is not taxable: its tax is inside its amount).
 * - `changed`: the stage at this position is different; what Shopify holds for it must be replaced.
 * - `new`: no unfrozen stage had this position.
 */
export type StageChange = "unchanged" | "changed" | "new";

export interface RevisedStage {
  /** The 1-based revision row it comes from. */
  readonly row: number;
  readonly stage: RevisionStage;
  readonly change: StageChange;
  /** What differs from the current stage at this position; empty for a new stage. */
  readonly fields: readonly StageField[];
}

export interface ScheduleRevision {
  readonly currency: Currency;
  readonly total: bigint;
  /** What the revised stages share: the total less every frozen stage's amount. */
  readonly owed: bigint;
  /** The frozen stages, exactly as they were, by position. */
  readonly frozen: readonly CurrentStage[];
  /** The revision's rows as stages, in row order (which is position order). */
  readonly revised: readonly RevisedStage[];
  /** Unfrozen stages whose position no revised stage takes: their stage drafts go, their rows are deleted. */
  readonly removed: readonly CurrentStage[];
  /** Every stage after the revision, by position: the frozen ones and the revised ones. */
  readonly stages: readonly RevisionStage[];
}

export interface RevisionOptions {
  /** Today in the shop's time zone: no new or moved due date may be earlier. */
  readonly today: CalendarDate;
}

/**
 * Revises the schedule of a contract under way: the rows replace every stage a revision may touch, and are
 * checked as attach checks a plan, every issue at once (ScheduleRevisionError).
 *
 * - Frozen stages (see `frozenReason`) stay exactly as they are; what is owed is the total less their amounts, and
 *   the rows must share it exactly, each above zero (see revision-amounts.ts). Something owed needs at least one
 *   row; nothing owed allows none.
 * - Tax: what is left of each tax line (the line less the frozen stages' shares) is split over the rows by
 *   allocateTaxLines, so every line's shares still sum to the line and no stage carries more tax than its amount.
 *   When the rows keep every unfrozen stage's position and amount, the current shares are kept as they are.
 * - Positions: frozen stages keep theirs; the rows take the free positions in ascending order, then continue
 *   after the highest. A row and the current unfrozen stage at the same position are the same stage, before and
 *   after (`change`); unfrozen stages whose position is not taken are `removed`. Positions below a frozen stage
 *   that no row takes stay empty.
 * - Dates: no due date before today, except one that an unfrozen stage already had (an overdue stage may keep its
 *   date). A trigger row that repeats the current stage's trigger and net days keeps the dates the event gave it; a
 *   date row that repeats the current stage's due date and net days keeps its issue date (a due date moved to the
 *   customer's payment day or off a closed day is more than the net days after it).
 */
export function reviseSchedule(contract: RevisableContract, rows: readonly StageRevisionRow[], options: RevisionOptions): ScheduleRevision {
  const { frozen, open, owed, taxLeft } = splitContract(contract);
  const money = (minor: bigint) => `${formatMinorUnits(minor, contract.currency)} ${contract.currency.code}`;
  const issues: RevisionIssue[] = [];
  if (owed > 0n && rows.length === 0) issues.push({ field: "stages", message: `${money(owed)} is still owed: keep at least one stage to collect it` });
  if (owed === 0n && rows.length > 0) {
    issues.push({ field: "stages", message: "nothing is left to pay (every stage is paid, being charged or cancelled): remove the new stages" });
  }
  if (frozen.length + rows.length > MAX_INSTALLMENTS) {
    issues.push({ field: "stages", message: `a contract can have at most ${MAX_INSTALLMENTS} stages, not ${frozen.length + rows.length}` });
  }

  const positions = freePositions(
    frozen.map((stage) => stage.position),
    rows.length,
  );
  const openAt = new Map(open.map((stage) => [stage.position, stage]));
  const knownDueDates = new Set(open.flatMap((stage) => (stage.dueDate === null ? [] : [stage.dueDate])));
  const timings = rows.map((row, index) => {
    const rowNumber = index + 1;
    issues.push(...rowIssues(row, rowNumber));
    const timing = timingOf(row.due, openAt.get(positions[index] as number));
    if (row.due.kind === "date" && isBefore(row.due.dueDate, options.today) && !knownDueDates.has(row.due.dueDate)) {
      issues.push({ row: rowNumber, field: "due", message: `${row.due.dueDate} is before today (${options.today}); pick today or a later date` });
    }
    return timing;
  });

  let amounts: readonly bigint[] = [];
  if (rows.length > 0 && owed > 0n) {
    const resolved = resolveRevisionAmounts(
      rows.map((row) => row.amount),
      owed,
      contract.currency,
    );
    if (resolved.issues) issues.push(...resolved.issues);
    else amounts = resolved.amounts;
  }
  if (issues.length > 0) throw new ScheduleRevisionError(issues);

  const taxRows =
    sameAmountsAt(open, positions, amounts) && sharesFill(open, taxLeft)
      ? open.map((stage) => stage.tax.map((share) => share.amount))
      : allocateTaxLines(amounts, taxLeft);
  const count = frozen.length + rows.length;

  const revised = rows.map((row, index): RevisedStage => {
    const position = positions[index] as number;
    const amount = amounts[index] as bigint;
    const timing = timings[index] as Timing;
    const tax = contract.taxLines.map((line, lineIndex) => ({ title: line.title, amount: taxRows[index]?.[lineIndex] ?? 0n }));
    const title = row.title?.trim() || defaultTitle(row.kind, { position, count, amount, timing, contract });
    const stage: RevisionStage = { position, kind: row.kind, title, amount, tax, ...timing };
    const current = openAt.get(position);
    if (!current) return { row: index + 1, stage, change: "new", fields: [] };
    const fields = stageDifferences(current, stage);
    const changed = fields.some((field) => field !== "tax");
    return { row: index + 1, stage, change: changed ? "changed" : "unchanged", fields };
  });

  const taken = new Set(positions);
  return {
    currency: contract.currency,
    total: contract.total,
    owed,
    frozen,
    revised,
    removed: open.filter((stage) => !taken.has(stage.position)),
    stages: [...frozen, ...revised.map((entry) => entry.stage)].sort((a, b) => a.position - b.position),
  };
}

/**
 * The rows that state the current unfrozen stages as they are: the edit form's starting point. Submitted as they
 * are, every stage comes back `unchanged`.
 */
export function restateOpenStages(contract: RevisableContract): StageRevisionRow[] {
  return contract.stages
    .filter((stage) => frozenReason(stage) === null)
    .map((stage): StageRevisionRow => {
      const amount: RevisionAmount = { kind: "fixed", amount: stage.amount };
      if (stage.trigger) {
        return { kind: stage.kind, title: stage.title, amount, due: triggerDueOf(stage.trigger, stage.netDays) };
      }
      if (stage.dueDate === null) throw new Error(`stage ${stage.position} has neither a due date nor a trigger`);
      return { kind: stage.kind, title: stage.title, amount, due: { kind: "date", dueDate: stage.dueDate, netDays: stage.netDays } };
    });
}

/** A frozen trigger as a revision's due rule: the steps to the issue date, the net days and the payment days apart. */
export function triggerDueOf(trigger: StageTrigger, netDays: number): RevisionDue {
  const paymentDays = paymentDaysOf(trigger.steps);
  return { kind: "trigger", trigger: trigger.trigger, steps: stepsToIssue(trigger.steps, netDays), netDays, ...(paymentDays ? { paymentDays } : {}) };
}

/** Which parts of a stage differ between two versions of it (the position aside). */
export function stageDifferences(before: RevisionStage, after: RevisionStage): StageField[] {
  const fields: StageField[] = [];
  if (before.kind !== after.kind) fields.push("kind");
  if (before.title !== after.title) fields.push("title");
  if (before.amount !== after.amount) fields.push("amount");
  const sameDue =
    before.issueDate === after.issueDate &&
    before.dueDate === after.dueDate &&
    before.netDays === after.netDays &&
    triggerKey(before.trigger) === triggerKey(after.trigger);
  if (!sameDue) fields.push("due");
  const sameTax =
    before.tax.length === after.tax.length &&
    before.tax.every((share, index) => share.title === after.tax[index]?.title && share.amount === after.tax[index]?.amount);
  if (!sameTax) fields.push("tax");
  return fields;
}

/** What is left to share once the frozen stages are set aside. */
export interface ContractSplit {
  readonly frozen: readonly CurrentStage[];
  /** The stages a revision replaces. */
  readonly open: readonly CurrentStage[];
  /** The total less the frozen stages' amounts. */
  readonly owed: bigint;
  /** Each tax line less the frozen stages' shares of it. */
  readonly taxLeft: readonly TaxLine[];
}

/** Sets the frozen stages aside; throws a plain Error when the contract is inconsistent (a bug, not an input error). */
export function splitContract(contract: RevisableContract): ContractSplit {
  const positions = new Set<number>();
  for (const stage of contract.stages) {
    if (!Number.isInteger(stage.position) || stage.position < 1 || positions.has(stage.position)) {
      throw new Error(`inconsistent contract: stage position ${stage.position} is not a unique positive whole number`);
    }
    positions.add(stage.position);
  }
  const byPosition = [...contract.stages].sort((a, b) => a.position - b.position);
  const frozen = byPosition.filter((stage) => frozenReason(stage) !== null);
  const open = byPosition.filter((stage) => frozenReason(stage) === null);
  const owed = contract.total - frozen.reduce((sum, stage) => sum + stage.amount, 0n);
  if (owed < 0n) throw new Error(`inconsistent contract: its frozen stages add up to more than its total ${contract.total}`);
  const taxLeft = contract.taxLines.map((line, lineIndex) => {
    const taken = frozen.reduce((sum, stage) => {
      if (stage.tax.length !== contract.taxLines.length) {
        throw new Error(`inconsistent contract: stage ${stage.position} has ${stage.tax.length} tax shares for ${contract.taxLines.length} tax lines`);
      }
      return sum + (stage.tax[lineIndex]?.amount ?? 0n);
    }, 0n);
    if (taken > line.amount) throw new Error(`inconsistent contract: the frozen stages' shares of tax line "${line.title}" add up to more than the line`);
    return { title: line.title, amount: line.amount - taken };
  });
  const taxLeftTotal = taxLeft.reduce((sum, line) => sum + line.amount, 0n);
  if (taxLeftTotal > owed) throw new Error(`inconsistent contract: ${taxLeftTotal} of tax is left for ${owed} still owed`);
  return { frozen, open, owed, taxLeft };
}

/** The `count` lowest positions no frozen stage holds. */
function freePositions(frozenPositions: readonly number[], count: number): number[] {
  const taken = new Set(frozenPositions);
  const positions: number[] = [];
  for (let position = 1; positions.length < count; position++) if (!taken.has(position)) positions.push(position);
  return positions;
}

type Timing = Pick<RevisionStage, "issueDate" | "dueDate" | "netDays" | "trigger">;

/** The dates a row's due rule gives, at the position whose current stage it may keep them from. */
function timingOf(due: RevisionDue, current: CurrentStage | undefined): Timing {
  const netDays = due.netDays ?? 0;
  if (due.kind === "date") {
    if (current !== undefined && current.issueDate !== null && current.dueDate === due.dueDate && current.netDays === netDays) {
      return { issueDate: current.issueDate, dueDate: due.dueDate, netDays };
    }
    const validNet = Number.isInteger(netDays) && netDays >= 0 && netDays <= MAX_NET_DAYS;
    return { issueDate: validNet ? addDays(due.dueDate, -netDays, "due") : due.dueDate, dueDate: due.dueDate, netDays };
  }
  const steps: DateStep[] = netDays > 0 ? [...(due.steps ?? []), { count: netDays, unit: "day" as const }] : [...(due.steps ?? [])];
  if (due.paymentDays) steps.push({ nextDays: due.paymentDays, dueOnly: true });
  const trigger: StageTrigger = { trigger: due.trigger, steps };
  const sameRule = current !== undefined && current.netDays === netDays && triggerKey(current.trigger) === triggerKey(trigger);
  return { issueDate: sameRule ? current.issueDate : null, dueDate: sameRule ? current.dueDate : null, netDays, trigger };
}

const MAX_NET_DAYS = 3650;
const MAX_STEP_COUNT = 100_000;
const MAX_TITLE_LENGTH = 255;

/** What can be wrong with one row on its own: its kind, title and due rule. */
function rowIssues(row: StageRevisionRow, rowNumber: number): RevisionIssue[] {
  const issues: RevisionIssue[] = [];
  if (!STAGE_KINDS.includes(row.kind)) issues.push({ row: rowNumber, field: "kind", message: `"${row.kind}" is not a stage kind (${STAGE_KINDS.join(", ")})` });
  if (row.title !== undefined && row.title.trim().length > MAX_TITLE_LENGTH) {
    issues.push({ row: rowNumber, field: "title", message: `a title must be at most ${MAX_TITLE_LENGTH} characters` });
  }
  const netDays = row.due.netDays ?? 0;
  if (!Number.isInteger(netDays) || netDays < 0 || netDays > MAX_NET_DAYS) {
    issues.push({ row: rowNumber, field: "due", message: `net days must be a whole number from 0 to ${MAX_NET_DAYS}, not ${netDays}` });
  }
  if (row.due.kind === "trigger") {
    if (row.due.trigger.event === "milestone" && row.due.trigger.milestone.trim() === "") {
      issues.push({ row: rowNumber, field: "due", message: "a milestone needs a name" });
    }
    for (const step of row.due.steps ?? []) {
      if (!isValidDateStep(step, MAX_STEP_COUNT)) {
        issues.push({ row: rowNumber, field: "due", message: `"${formatDateStep(step)}" is not a step like 30d, 2w, 1m, day 15 or next day 5/20` });
      }
    }
    const paymentDays = row.due.paymentDays ? paymentDaysProblem(row.due.paymentDays) : null;
    if (paymentDays !== null) issues.push({ row: rowNumber, field: "due", message: `payment days: ${paymentDays}` });
  }
  return issues;
}

/** Whether the rows keep every unfrozen stage's position and amount, so that its tax shares can stay. */
function sameAmountsAt(open: readonly CurrentStage[], positions: readonly number[], amounts: readonly bigint[]): boolean {
  return open.length === positions.length && open.every((stage, index) => stage.position === positions[index] && stage.amount === amounts[index]);
}

/** Whether the stages' shares of every tax line add up to what is left of it (as they do in a consistent contract). */
function sharesFill(stages: readonly CurrentStage[], taxLeft: readonly TaxLine[]): boolean {
  return (
    stages.every((stage) => stage.tax.length === taxLeft.length) &&
    taxLeft.every((line, lineIndex) => stages.reduce((sum, stage) => sum + (stage.tax[lineIndex]?.amount ?? 0n), 0n) === line.amount)
  );
}

/** The kind's default title (schedule/titles.ts), numbered among all the contract's stages. */
function defaultTitle(kind: StageKind, input: { position: number; count: number; amount: bigint; timing: Timing; contract: RevisableContract }): string {
  const { timing, contract } = input;
  return titleFor(
    { stages: [] },
    {
      position: input.position,
      count: input.count,
      stage: {
        kind,
        amount: { kind: "equal" },
        due: { kind: "atCheckout" },
        netDays: timing.netDays,
        amountSource: { key: "amount" },
        dueSource: { key: "due" },
      },
      amount: input.amount,
      total: contract.total,
      rate: undefined,
      dates: { issueDate: timing.issueDate, dueDate: timing.dueDate, ...(timing.trigger ? { pending: timing.trigger } : {}) },
      currency: contract.currency,
    },
  );
}

function triggerKey(trigger: StageTrigger | undefined): string {
  if (!trigger) return "";
  const milestone = trigger.trigger.event === "milestone" ? trigger.trigger.milestone : null;
  // A customer's payment days read as a plan's "next day" step would; only where they sit in the walk differs.
  const steps = trigger.steps.map((step) => `${"nextDays" in step && step.dueOnly ? "payment " : ""}${formatDateStep(step)}`);
  return JSON.stringify([trigger.trigger.event, milestone, steps]);
}
