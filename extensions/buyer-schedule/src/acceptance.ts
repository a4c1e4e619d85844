import {signal, type Signal} from '@preact/signals';
import type {Attribute, Capability, Interceptor, InterceptorRequest} from '@shopify/ui-extensions/checkout';

import {findScheduleAttribute, parseScheduleAttribute, type CheckoutSchedule} from './schedule-attribute';

/** Written on the checkout (and so on the order) when the buyer ticks the box: evidence of consent. */
export const ACCEPTED_ATTRIBUTE_KEY = '_tranche_schedule_accepted';
export const BLOCK_REASON = 'Tranche payment schedule not accepted';

/** The parts of the checkout API the block uses (a subset, so tests can pass a plain object). */
export interface CheckoutDeps {
  attributes: {readonly value: Attribute[] | undefined};
  extension: {capabilities: {readonly value: Capability[]}};
  buyerJourney: {intercept(interceptor: Interceptor): Promise<() => void>};
  instructions?: {readonly value: {attributes: {canUpdateAttributes: boolean}}};
  applyAttributeChange?: (change: {type: 'updateAttribute'; key: string; value: string} | {type: 'removeAttribute'; key: string}) => Promise<unknown>;
}

export function readSchedule(deps: Pick<CheckoutDeps, 'attributes'>): CheckoutSchedule | null {
  const parsed = parseScheduleAttribute(findScheduleAttribute(deps.attributes.value));
  return parsed.ok ? parsed.schedule : null;
}

export function hasBlockProgress(deps: Pick<CheckoutDeps, 'extension'>): boolean {
  return (deps.extension.capabilities.value ?? []).includes('block_progress');
}

/**
 * The interceptor's decision: block only when this checkout carries a schedule that asks for
 * acceptance, the merchant let the extension block progress, and the box is not ticked.
 */
export function interceptDecision(input: {schedule: CheckoutSchedule | null; canBlockProgress: boolean; accepted: boolean}): 'allow' | 'block' {
  if (!input.schedule || !input.schedule.accept) return 'allow';
  if (!input.canBlockProgress) return 'allow';
  return input.accepted ? 'allow' : 'block';
}

export interface Acceptance {
  accepted: Signal<boolean>;
  showError: Signal<boolean>;
  setAccepted(checked: boolean): void;
  interceptor: Interceptor;
  /** Installs the interceptor; resolves to its teardown. */
  install(): Promise<() => void>;
}

export function createAcceptance(deps: CheckoutDeps): Acceptance {
  const accepted = signal(false);
  const showError = signal(false);

  const interceptor: Interceptor = ({canBlockProgress}): InterceptorRequest => {
    const decision = interceptDecision({schedule: readSchedule(deps), canBlockProgress, accepted: accepted.value});
    if (decision === 'allow') {
      return {
        behavior: 'allow',
        perform: () => {
          showError.value = false;
        },
      };
    }
    return {
      behavior: 'block',
      reason: BLOCK_REASON,
      // The message is shown in place, on the checkbox (checkout-view.ts, `accept.error`).
      perform: (result) => {
        if (result.behavior === 'block') showError.value = true;
      },
    };
  };

  return {
    accepted,
    showError,
    interceptor,
    setAccepted(checked) {
      accepted.value = checked;
      if (checked) showError.value = false;
      void recordAcceptance(deps, checked);
    },
    install: () => deps.buyerJourney.intercept(interceptor),
  };
}

async function recordAcceptance(deps: CheckoutDeps, checked: boolean): Promise<void> {
  if (!deps.applyAttributeChange || !deps.instructions?.value.attributes.canUpdateAttributes) return;
  try {
    await deps.applyAttributeChange(
      checked ? {type: 'updateAttribute', key: ACCEPTED_ATTRIBUTE_KEY, value: 'true'} : {type: 'removeAttribute', key: ACCEPTED_ATTRIBUTE_KEY},
    );
  } catch {
    // Best effort: the checkbox and the interceptor do not depend on it.
  }
}
