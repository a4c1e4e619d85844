/**
 * The checkout attribute `_tranche_schedule`: the payment schedule the app wrote on the
 * draft order at attach time (draft order custom attributes become checkout attributes).
 *
 * Exact shape, version 2 (app/services/attach/checkout-schedule.ts):
 *   {"v":2,"currency":"USD","accept":true,"taxes":["Texas State Tax"],"stages":[
 *     {"title":"Deposit","amount":"6830.82","tax":["401.81"],"dueDate":"2026-11-21"},
 *     {"title":"Before shipping","amount":"…","tax":["…"],"dueDate":null,"trigger":{"event":"fulfillmentCreated"}}, …]}
 *
 * Stage 1 is what the buyer pays today. Each stage's `tax` is its share of each of `taxes`, in
 * that order. `trigger` names the event a stage without a date waits for. Drafts attached before
 * version 2 still carry version 1 (an English `when` phrase per stage, no tax), which is read too.
 * Anything else — unknown keys, another version, a malformed amount — is rejected, and the
 * checkout block then renders nothing.
 */
import {parseTrigger, type StageTiming, type TaxShare} from './stage-text';

export const SCHEDULE_ATTRIBUTE_KEY = '_tranche_schedule';
/** On every draft the app makes (the source draft and each stage's own draft): the contract's id. */
export const CONTRACT_ATTRIBUTE_KEY = '_tranche_contract';

export interface ScheduleStage {
  title: string;
  /** Decimal string in the currency's exponent, tax included, e.g. "3000.00". */
  amount: string;
  /** The stage's share of each tax line; null in a version 1 attribute, which did not say. */
  tax: TaxShare[] | null;
  timing: StageTiming;
}

export interface CheckoutSchedule {
  currency: string;
  /** Whether the buyer must tick "I accept this payment schedule" before paying. */
  accept: boolean;
  stages: ScheduleStage[];
}

export type ParseResult = {ok: true; schedule: CheckoutSchedule} | {ok: false; reason: string};

const V1_TOP_KEYS = ['v', 'currency', 'accept', 'stages'] as const;
const V1_STAGE_KEYS = ['position', 'title', 'amount', 'dueDate', 'when'] as const;
const V2_TOP_KEYS = ['v', 'currency', 'accept', 'taxes', 'stages'] as const;
const V2_STAGE_KEYS = ['title', 'amount', 'tax', 'dueDate', 'trigger'] as const;
const CURRENCY = /^[A-Z]{3}$/;
const AMOUNT = /^\d+(\.\d{1,4})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function findScheduleAttribute(attributes: ReadonlyArray<{key: string; value: string}> | undefined): string | undefined {
  return attributes?.find((attribute) => attribute.key === SCHEDULE_ATTRIBUTE_KEY)?.value;
}

export function parseScheduleAttribute(raw: string | undefined | null): ParseResult {
  if (raw == null || raw.trim() === '') return fail('no _tranche_schedule attribute');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail('not JSON');
  }
  if (!isPlainObject(data)) return fail('not an object');
  if (data.v !== 1 && data.v !== 2) return fail('unsupported version');
  const extra = unknownKey(data, data.v === 1 ? V1_TOP_KEYS : V2_TOP_KEYS);
  if (extra) return fail(`unknown key "${extra}"`);
  if (typeof data.currency !== 'string' || !CURRENCY.test(data.currency)) return fail('bad currency');
  if (typeof data.accept !== 'boolean') return fail('bad accept');
  if (!Array.isArray(data.stages) || data.stages.length === 0) return fail('no stages');
  const taxes = data.v === 1 ? null : data.taxes;
  if (taxes !== null && !(Array.isArray(taxes) && taxes.every((title) => typeof title === 'string' && title.trim() !== ''))) return fail('bad taxes');

  const stages: ScheduleStage[] = [];
  for (const [index, item] of data.stages.entries()) {
    const stage = taxes === null ? parseV1Stage(item, index + 1) : parseV2Stage(item, taxes as string[]);
    if (typeof stage === 'string') return fail(`stage ${index + 1}: ${stage}`);
    stages.push(stage);
  }
  return {ok: true, schedule: {currency: data.currency, accept: data.accept, stages}};
}

function parseV2Stage(item: unknown, taxes: readonly string[]): ScheduleStage | string {
  if (!isPlainObject(item)) return 'not an object';
  const extra = unknownKey(item, V2_STAGE_KEYS);
  if (extra) return `unknown key "${extra}"`;
  const {title, amount, tax, dueDate, trigger} = item;
  if (typeof title !== 'string' || title.trim() === '') return 'bad title';
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return 'bad amount';
  if (!Array.isArray(tax) || tax.length !== taxes.length || !tax.every((share) => typeof share === 'string' && AMOUNT.test(share))) return 'bad tax';
  if (dueDate !== null && !(typeof dueDate === 'string' && isCalendarDate(dueDate))) return 'bad dueDate';
  const waitsFor = trigger === undefined ? undefined : parseTrigger(trigger);
  if (trigger !== undefined && (!waitsFor || dueDate !== null)) return 'bad trigger';
  return {
    title,
    amount,
    tax: taxes.map((taxTitle, index) => ({title: taxTitle, amount: tax[index] as string})),
    timing: dueDate !== null ? {kind: 'date', date: dueDate} : waitsFor ? {kind: 'event', trigger: waitsFor} : {kind: 'unknown'},
  };
}

function parseV1Stage(item: unknown, expectedPosition: number): ScheduleStage | string {
  if (!isPlainObject(item)) return 'not an object';
  const extra = unknownKey(item, V1_STAGE_KEYS);
  if (extra) return `unknown key "${extra}"`;
  const {position, title, amount, dueDate, when} = item;
  if (position !== expectedPosition) return 'positions must run 1, 2, 3… in order';
  if (typeof title !== 'string' || title.trim() === '') return 'bad title';
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return 'bad amount';
  if (dueDate !== null && !(typeof dueDate === 'string' && isCalendarDate(dueDate))) return 'bad dueDate';
  if (typeof when !== 'string' || when.trim() === '') return 'bad when';
  return {title, amount, tax: null, timing: dueDate !== null ? {kind: 'date', date: dueDate} : {kind: 'phrase', text: when}};
}

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(object: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(object).find((key) => !allowed.includes(key));
}

function fail(reason: string): ParseResult {
  return {ok: false, reason};
}
