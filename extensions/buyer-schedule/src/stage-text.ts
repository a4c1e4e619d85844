/**
 * When a stage falls due and what tax it carries, as the app sends them (the checkout attribute and the
 * buyer endpoint share these shapes), and how the blocks word them in the buyer's language.
 */
import {isZeroDecimal} from './decimal';
import type {Formatter} from './format';

export const TRIGGER_EVENTS = ['milestone', 'fulfillmentCreated', 'orderFulfilled'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** A step from the event to the due date: an offset ("30d", "2w", "1m") or the next given day of a month ("day 15"). */
export type DueStep = {count: number; unit: 'day' | 'week' | 'month'} | {onDay: number};

/** The event a stage without a date waits for. `milestone` is the merchant's name for it (milestone events only). */
export interface StageTrigger {
  event: TriggerEvent;
  milestone?: string;
  after: DueStep[];
}

/**
 * A stage's date, the event it waits for, or (in a schedule attribute written before version 2) the app's
 * English phrase; `unknown` when the app names neither.
 */
export type StageTiming = {kind: 'date'; date: string} | {kind: 'event'; trigger: StageTrigger} | {kind: 'phrase'; text: string} | {kind: 'unknown'};

/** A stage's share of one of the order's tax lines; the amount is a decimal string. */
export interface TaxShare {
  title: string;
  amount: string;
}

const UNIT_BY_LETTER = {d: 'day', w: 'week', m: 'month'} as const;
const OFFSET = /^(\d{1,6})([dwm])$/;
const ON_DAY = /^day (\d{1,2})$/;

/** `{"event","milestone"?,"after"?:["30d","day 15"]}` exactly, or undefined. */
export function parseTrigger(value: unknown): StageTrigger | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const {event, milestone, after, ...rest} = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof event !== 'string' || !(TRIGGER_EVENTS as readonly string[]).includes(event)) return undefined;
  if (event === 'milestone' ? typeof milestone !== 'string' || milestone.trim() === '' : milestone !== undefined) return undefined;
  if (after !== undefined && !Array.isArray(after)) return undefined;
  const steps: DueStep[] = [];
  for (const step of after ?? []) {
    const parsed = typeof step === 'string' ? parseStep(step) : undefined;
    if (!parsed) return undefined;
    steps.push(parsed);
  }
  return {event: event as TriggerEvent, ...(typeof milestone === 'string' ? {milestone} : {}), after: steps};
}

function parseStep(text: string): DueStep | undefined {
  const offset = OFFSET.exec(text);
  if (offset) return {count: Number(offset[1]), unit: UNIT_BY_LETTER[offset[2] as keyof typeof UNIT_BY_LETTER]};
  const onDay = ON_DAY.exec(text);
  const day = Number(onDay?.[1]);
  return onDay && day >= 1 && day <= 31 ? {onDay: day} : undefined;
}

/** "Due Jan 20, 2027", "When the order ships", "30 days after the order ships", "Date to be confirmed". */
export function whenLabel(timing: StageTiming, format: Formatter): string {
  switch (timing.kind) {
    case 'date':
      return format.t('when.onDate', {date: format.date(timing.date)});
    case 'event': {
      const {event, milestone = '', after} = timing.trigger;
      if (after.length === 0) return format.t(`when.event.${event}`, {milestone});
      const delay = after.map((step) => stepLabel(step, format)).reduce((first, next) => format.t('when.then', {first, next}));
      return format.t(`when.afterEvent.${event}`, {delay, milestone});
    }
    case 'phrase':
      return timing.text.charAt(0).toUpperCase() + timing.text.slice(1);
    case 'unknown':
      return format.t('when.toBeConfirmed');
  }
}

function stepLabel(step: DueStep, format: Formatter): string {
  if ('onDay' in step) return format.t('when.onDay', {day: step.onDay});
  return format.t(`when.${step.unit}s`, {count: step.count});
}

/** "Texas State Tax $401.81 and City Tax $12.00"; null when the stage carries no tax. */
export function taxesText(tax: readonly TaxShare[], currency: string, format: Formatter): string | null {
  const lines = tax
    .filter((line) => !isZeroDecimal(line.amount))
    .map((line) => format.t('taxLine', {title: line.title, amount: format.money(line.amount, currency)}));
  return lines.length ? format.list(lines) : null;
}
