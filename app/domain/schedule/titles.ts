import type { Currency } from "../money/currency";
import { formatMinorUnits } from "../money/minor-units";
import type { Plan, StageKind, StageSpec, Trigger } from "../plan/plan";
import { parseTitleTemplate, type TitlePart, type TitlePlaceholder } from "../plan/title-template";
import type { StageDates } from "./due-dates";
import { formatDateStep } from "./date-step-syntax";

const DEFAULT_TITLES: Readonly<Record<StageKind, string>> = {
  deposit: "Deposit",
  milestone: "Milestone payment [PosNo] of [PosCount]",
  preShipping: "Payment before shipping",
  balance: "Balance",
  installment: "Installment [PosNo] of [PosCount]",
  retainer: "Retainer",
};

export interface TitleInput {
  readonly position: number;
  readonly count: number;
  readonly stage: StageSpec;
  readonly amount: bigint;
  readonly total: bigint;
  readonly rate: string | undefined;
  readonly dates: StageDates;
  readonly currency: Currency;
}

/** Which template a stage uses: position titles, then the stage's own, then the plan's, then its kind's default. */
export function titleTemplateFor(plan: Plan, position: number, count: number, stage: StageSpec): readonly TitlePart[] {
  const byPosition = plan.titlesByPosition;
  const template =
    byPosition?.[String(position)] ?? (position === count ? byPosition?.last : undefined) ?? stage.title ?? plan.titleTemplate ?? DEFAULT_TITLES[stage.kind];
  return parseTitleTemplate(template);
}

export function titleFor(plan: Plan, input: TitleInput): string {
  const parts = titleTemplateAt(plan, input.position, input.count, input.stage);
  return new TitleRenderer(input.currency, input.total).render(parts, input.amount, input.rate, input.dates);
}

/**
 * The template of the stage at `position` of `count` with its position numbers already written in: they are known
 * when the plan is compiled, so a schedule build only fills in amounts, rates and dates.
 */
export function titleTemplateAt(plan: Plan, position: number, count: number, stage: StageSpec): readonly TitlePart[] {
  const parts: TitlePart[] = [];
  let text = "";
  for (const part of titleTemplateFor(plan, position, count, stage)) {
    text += part.text;
    if (part.placeholder === "PosNo") text += String(position);
    else if (part.placeholder === "PosCount") text += String(count);
    else {
      parts.push({ text, placeholder: part.placeholder });
      text = "";
    }
  }
  if (text !== "") parts.push({ text, placeholder: null });
  return parts;
}

/**
 * Fills templates' placeholders for the installments of one schedule, in order; each value is worked out only if
 * the template uses it. Equal shares make runs of the same amount, so a text that depends only on the amount is
 * kept from the installment before rather than formatted again.
 */
export class TitleRenderer {
  private amountFor: bigint | undefined;
  private amountText = "";
  private shareFor: bigint | undefined;
  private shareText = "";

  constructor(
    private readonly currency: Currency,
    private readonly total: bigint,
  ) {}

  render(parts: readonly TitlePart[], amount: bigint, rate: string | undefined, dates: StageDates): string {
    let title = "";
    for (const part of parts) {
      title += part.text;
      if (part.placeholder !== null) title += this.placeholderValue(part.placeholder, amount, rate, dates);
    }
    return title;
  }

  private placeholderValue(placeholder: TitlePlaceholder, amount: bigint, rate: string | undefined, dates: StageDates): string {
    switch (placeholder) {
      // titleTemplateAt writes the positions in; a template read without them has none to fill.
      case "PosNo":
      case "PosCount":
        return `[${placeholder}]`;
      case "InstallmentAmount":
      case "Amount":
        if (amount !== this.amountFor) {
          this.amountFor = amount;
          this.amountText = `${formatMinorUnits(amount, this.currency)} ${this.currency.code}`;
        }
        return this.amountText;
      case "InstallmentRate":
      case "Rate":
        if (rate !== undefined) return `${rate}%`;
        if (amount !== this.shareFor) {
          this.shareFor = amount;
          this.shareText = `${shareOfTotal(amount, this.total)}%`;
        }
        return this.shareText;
      case "InstallmentDate":
      case "Date":
        return describeDate(dates);
    }
  }
}

/** A stage's share of the total in percent, to two decimals (half up), without trailing zeros: 8.33, 12.5, 20. */
function shareOfTotal(amount: bigint, total: bigint): string {
  const scaled = amount * 10_000n;
  let hundredths = scaled / total;
  if ((scaled % total) * 2n >= total) hundredths += 1n;
  const whole = hundredths / 100n;
  const fraction = hundredths % 100n;
  if (fraction === 0n) return whole.toString();
  return fraction % 10n === 0n ? `${whole}.${fraction / 10n}` : `${whole}.${fraction < 10n ? "0" : ""}${fraction}`;
}

function describeDate(dates: StageDates): string {
  if (dates.dueDate) return dates.dueDate;
  if (!dates.pending) return "";
  const after = dates.pending.steps.map(formatDateStep).join(" + ");
  return `${describeTrigger(dates.pending.trigger)}${after ? ` + ${after}` : ""}`;
}

export function describeTrigger(trigger: Trigger): string {
  switch (trigger.event) {
    case "milestone":
      return `when "${trigger.milestone}" is reached`;
    case "fulfillmentCreated":
      return "on first fulfillment";
    case "orderFulfilled":
      return "when the order is fulfilled";
  }
}
