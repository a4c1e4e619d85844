import {sumDecimals} from './decimal';
import type {Formatter} from './format';
import type {CheckoutSchedule} from './schedule-attribute';
import {taxesText, whenLabel} from './stage-text';

export interface CheckoutStageRow {
  key: number;
  title: string;
  amount: string;
  /** "Due Jan 20, 2027", "When the order ships". */
  when: string;
  /** "including Texas State Tax $470.59"; null for a stage without tax (or an old attribute without it). */
  taxNote: string | null;
}

export interface CheckoutView {
  heading: string;
  /** Stage 1, what the buyer pays in this checkout: "Paid today: $6,830.82, including Texas State Tax $401.81". */
  today: {line: string; title: string};
  /** Stages 2…n, in order, under "Still to pay: $15,938.57"; null for a one-stage schedule. */
  later: {total: string; rows: CheckoutStageRow[]} | null;
  /**
   * Why the tax here differs from the checkout's own summary, which shows 0.00 for a stage draft (one untaxed
   * line whose amount already holds its tax share) and the whole order's tax for a native deposit. Shown when a
   * stage carries tax.
   */
  taxExplanation: string | null;
  /** The required checkbox, when the schedule asks for acceptance and progress can be blocked. */
  acceptance: {label: string; checked: boolean; error: string | undefined} | null;
  /** A plain notice, when acceptance is asked for but progress cannot be blocked. */
  notice: string | null;
}

export interface AcceptanceState {
  /** `shopify.extension.capabilities` includes `block_progress`. */
  canBlockProgress: boolean;
  accepted: boolean;
  /** Set once checkout progress was blocked for want of acceptance. */
  showError: boolean;
}

/** What the checkout block shows; null renders nothing. */
export function checkoutView(schedule: CheckoutSchedule | null, state: AcceptanceState, format: Formatter): CheckoutView | null {
  if (!schedule) return null;
  const [first, ...rest] = schedule.stages;
  if (!first) return null;
  const {currency} = schedule;
  const money = (amount: string) => format.money(amount, currency);
  const taxes = (stage: (typeof schedule.stages)[number]) => (stage.tax ? taxesText(stage.tax, currency, format) : null);
  const todayTaxes = taxes(first);
  const rows = rest.map((stage, index) => {
    const stageTaxes = taxes(stage);
    return {
      key: index + 2,
      title: stage.title,
      amount: money(stage.amount),
      when: whenLabel(stage.timing, format),
      taxNote: stageTaxes ? format.t('includingTax', {taxes: stageTaxes}) : null,
    };
  });
  const needsCheckbox = schedule.accept && state.canBlockProgress;
  return {
    heading: format.t('heading'),
    today: {
      line: todayTaxes
        ? format.t('checkout.todayWithTax', {amount: money(first.amount), taxes: todayTaxes})
        : format.t('checkout.today', {amount: money(first.amount)}),
      title: first.title,
    },
    later: rows.length ? {total: format.t('stillToPay', {amount: money(sumDecimals(rest.map((stage) => stage.amount)))}), rows} : null,
    taxExplanation: schedule.stages.some((stage) => taxes(stage) !== null) ? format.t('checkout.taxExplained') : null,
    acceptance: needsCheckbox
      ? {
          label: format.t('accept.label'),
          checked: state.accepted,
          error: state.showError && !state.accepted ? format.t('accept.error') : undefined,
        }
      : null,
    notice: schedule.accept && !state.canBlockProgress ? format.t('accept.notice') : null,
  };
}
