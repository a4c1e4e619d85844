import type {CheckoutSchedule} from './schedule-attribute';
import type {Formatter} from './format';

export const CHECKOUT_HEADING = 'Payment schedule';
export const ACCEPT_LABEL = 'I accept this payment schedule';
export const ACCEPT_ERROR = 'Please accept the payment schedule to continue.';
/** Shown instead of the checkbox when the merchant has not granted block_progress. */
export const ACCEPT_NOTICE = 'By completing checkout you accept this payment schedule.';

export interface CheckoutStageRow {
  position: number;
  title: string;
  amount: string;
  when: string;
}

export interface CheckoutView {
  heading: string;
  /** Stage 1: what the buyer pays in this checkout. */
  today: CheckoutStageRow;
  /** Stages 2…n, in order. */
  later: CheckoutStageRow[];
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
  const rows = schedule.stages.map((stage) => ({
    position: stage.position,
    title: stage.title,
    amount: format.money(stage.amount, schedule.currency),
    when: stage.when,
  }));
  const [today, ...later] = rows;
  if (!today) return null;
  const needsCheckbox = schedule.accept && state.canBlockProgress;
  return {
    heading: CHECKOUT_HEADING,
    today,
    later,
    acceptance: needsCheckbox
      ? {
          label: ACCEPT_LABEL,
          checked: state.accepted,
          error: state.showError && !state.accepted ? ACCEPT_ERROR : undefined,
        }
      : null,
    notice: schedule.accept && !state.canBlockProgress ? ACCEPT_NOTICE : null,
  };
}
