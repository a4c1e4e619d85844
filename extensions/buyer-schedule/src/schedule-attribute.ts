/**
 * The checkout attribute `_tranche_schedule`: the payment schedule the app wrote on the
 * draft order at attach time (draft order custom attributes become checkout attributes).
 *
 * Exact shape, version 1:
 *   {"v":1,"currency":"USD","accept":true,"stages":[
 *     {"position":1,"title":"Deposit","amount":"3000.00","dueDate":"2026-11-21","when":"at checkout"}, …]}
 *
 * Stage 1 is what the buyer pays today. `when` is a ready-made phrase; `dueDate` is null
 * for event-triggered stages. Anything else — unknown keys, another version, a malformed
 * amount — is rejected, and the checkout block then renders nothing.
 */
export const SCHEDULE_ATTRIBUTE_KEY = '_tranche_schedule';

export interface ScheduleStage {
  position: number;
  title: string;
  /** Decimal string in the currency's exponent, e.g. "3000.00". */
  amount: string;
  /** Calendar date "YYYY-MM-DD", or null when the stage waits for an event. */
  dueDate: string | null;
  /** Human phrase: "at checkout", "when the order is ready to ship", "on 2027-01-20". */
  when: string;
}

export interface CheckoutSchedule {
  v: 1;
  currency: string;
  /** Whether the buyer must tick "I accept this payment schedule" before paying. */
  accept: boolean;
  stages: ScheduleStage[];
}

export type ParseResult = {ok: true; schedule: CheckoutSchedule} | {ok: false; reason: string};

const TOP_KEYS = ['v', 'currency', 'accept', 'stages'] as const;
const STAGE_KEYS = ['position', 'title', 'amount', 'dueDate', 'when'] as const;
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
  const extra = unknownKey(data, TOP_KEYS);
  if (extra) return fail(`unknown key "${extra}"`);
  if (data.v !== 1) return fail('unsupported version');
  if (typeof data.currency !== 'string' || !CURRENCY.test(data.currency)) return fail('bad currency');
  if (typeof data.accept !== 'boolean') return fail('bad accept');
  if (!Array.isArray(data.stages) || data.stages.length === 0) return fail('no stages');

  const stages: ScheduleStage[] = [];
  for (const [index, item] of data.stages.entries()) {
    const stage = parseStage(item, index + 1);
    if (typeof stage === 'string') return fail(`stage ${index + 1}: ${stage}`);
    stages.push(stage);
  }
  return {ok: true, schedule: {v: 1, currency: data.currency, accept: data.accept, stages}};
}

function parseStage(item: unknown, expectedPosition: number): ScheduleStage | string {
  if (!isPlainObject(item)) return 'not an object';
  const extra = unknownKey(item, STAGE_KEYS);
  if (extra) return `unknown key "${extra}"`;
  const {position, title, amount, dueDate, when} = item;
  if (position !== expectedPosition) return 'positions must run 1, 2, 3… in order';
  if (typeof title !== 'string' || title.trim() === '') return 'bad title';
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return 'bad amount';
  if (dueDate !== null && !(typeof dueDate === 'string' && isCalendarDate(dueDate))) return 'bad dueDate';
  if (typeof when !== 'string' || when.trim() === '') return 'bad when';
  return {position, title, amount, dueDate, when};
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
