import {describe, expect, it} from 'vitest';

import {findScheduleAttribute, parseScheduleAttribute, SCHEDULE_ATTRIBUTE_KEY} from '../../../extensions/buyer-schedule/src/schedule-attribute';
import {SCHEDULE, SCHEDULE_JSON, scheduleWith, stageWith} from './fixtures';

describe('parseScheduleAttribute', () => {
  it('accepts the exact shape the app writes', () => {
    const result = parseScheduleAttribute(SCHEDULE_JSON);
    expect(result).toEqual({ok: true, schedule: SCHEDULE});
  });

  it('accepts a zero-exponent currency amount', () => {
    const result = parseScheduleAttribute(scheduleWith({currency: 'JPY', stages: [{...SCHEDULE.stages[0], amount: '300000'}]}));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', '  '],
    ['not JSON', '{"v":1,'],
    ['an array', '[]'],
    ['another version', scheduleWith({v: 2})],
    ['an unknown top-level key', scheduleWith({extra: true})],
    ['a lowercase currency', scheduleWith({currency: 'usd'})],
    ['accept as a string', scheduleWith({accept: 'true'})],
    ['no stages', scheduleWith({stages: []})],
    ['stages not an array', scheduleWith({stages: {}})],
    ['an amount as a number', stageWith(0, {amount: 3000})],
    ['an amount with a comma', stageWith(0, {amount: '3,000.00'})],
    ['a negative amount', stageWith(0, {amount: '-1.00'})],
    ['positions out of order', stageWith(1, {position: 3})],
    ['an impossible date', stageWith(2, {dueDate: '2027-02-30'})],
    ['a date-time instead of a date', stageWith(2, {dueDate: '2027-01-20T00:00:00Z'})],
    ['an empty title', stageWith(0, {title: ''})],
    ['an empty when', stageWith(0, {when: ''})],
    ['an unknown stage key', stageWith(0, {tax: []})],
    ['a missing dueDate', JSON.stringify({...SCHEDULE, stages: [{position: 1, title: 'Deposit', amount: '1.00', when: 'now'}]})],
  ])('rejects %s', (_name, raw) => {
    const result = parseScheduleAttribute(raw);
    expect(result.ok).toBe(false);
  });

  it('names what is wrong', () => {
    expect(parseScheduleAttribute(stageWith(1, {amount: 'abc'}))).toEqual({ok: false, reason: 'stage 2: bad amount'});
  });
});

describe('findScheduleAttribute', () => {
  it('finds the attribute by its key among others', () => {
    const attributes = [
      {key: 'gift_note', value: 'hi'},
      {key: SCHEDULE_ATTRIBUTE_KEY, value: SCHEDULE_JSON},
    ];
    expect(findScheduleAttribute(attributes)).toBe(SCHEDULE_JSON);
    expect(findScheduleAttribute([{key: 'gift_note', value: 'hi'}])).toBeUndefined();
    expect(findScheduleAttribute(undefined)).toBeUndefined();
  });
});
