import {describe, expect, it} from 'vitest';

import {findScheduleAttribute, parseScheduleAttribute, SCHEDULE_ATTRIBUTE_KEY} from '../../../extensions/buyer-schedule/src/schedule-attribute';
import {SCHEDULE, SCHEDULE_JSON, SCHEDULE_V1, scheduleWith, stageWith} from './fixtures';

const v1With = (stageIndex: number, patch: Record<string, unknown>) =>
  JSON.stringify({...SCHEDULE_V1, stages: SCHEDULE_V1.stages.map((stage, i) => (i === stageIndex ? {...stage, ...patch} : stage))});

describe('parseScheduleAttribute', () => {
  it('accepts the exact shape the app writes (version 2): each stage with its tax shares and its date or event', () => {
    expect(parseScheduleAttribute(SCHEDULE_JSON)).toEqual({
      ok: true,
      schedule: {
        currency: 'USD',
        accept: true,
        stages: [
          {title: 'Deposit', amount: '6830.82', tax: [{title: 'Texas State Tax', amount: '401.81'}], timing: {kind: 'date', date: '2026-11-21'}},
          {
            title: 'Before shipping',
            amount: '11384.70',
            tax: [{title: 'Texas State Tax', amount: '669.69'}],
            timing: {kind: 'event', trigger: {event: 'fulfillmentCreated', after: []}},
          },
          {title: 'Balance', amount: '4553.87', tax: [{title: 'Texas State Tax', amount: '267.88'}], timing: {kind: 'date', date: '2027-01-20'}},
        ],
      },
    });
  });

  it('reads a milestone and the steps after it', () => {
    const result = parseScheduleAttribute(stageWith(1, {trigger: {event: 'milestone', milestone: 'Ready to ship', after: ['30d', '2w', '1m', 'day 15']}}));
    expect(result.ok && result.schedule.stages[1]?.timing).toEqual({
      kind: 'event',
      trigger: {
        event: 'milestone',
        milestone: 'Ready to ship',
        after: [{count: 30, unit: 'day'}, {count: 2, unit: 'week'}, {count: 1, unit: 'month'}, {onDay: 15}],
      },
    });
  });

  it('reads a stage with neither date nor event as one whose date is to be confirmed', () => {
    const result = parseScheduleAttribute(stageWith(1, {trigger: undefined}));
    expect(result.ok && result.schedule.stages[1]?.timing).toEqual({kind: 'unknown'});
  });

  it('still reads version 1, which drafts attached before carry: no tax, the English phrase for an event', () => {
    const result = parseScheduleAttribute(JSON.stringify(SCHEDULE_V1));
    expect(result.ok && result.schedule.stages).toEqual([
      {title: 'Deposit', amount: '3000.00', tax: null, timing: {kind: 'date', date: '2026-11-21'}},
      {title: 'Before shipping', amount: '5000.00', tax: null, timing: {kind: 'phrase', text: 'when the order is ready to ship'}},
      {title: 'Balance', amount: '2000.00', tax: null, timing: {kind: 'date', date: '2027-01-20'}},
    ]);
  });

  it('accepts a zero-exponent currency amount', () => {
    const result = parseScheduleAttribute(scheduleWith({currency: 'JPY', stages: [{...SCHEDULE.stages[0], amount: '300000', tax: ['27273']}]}));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', '  '],
    ['not JSON', '{"v":1,'],
    ['an array', '[]'],
    ['another version', scheduleWith({v: 3})],
    ['an unknown top-level key', scheduleWith({extra: true})],
    ['a lowercase currency', scheduleWith({currency: 'usd'})],
    ['accept as a string', scheduleWith({accept: 'true'})],
    ['no stages', scheduleWith({stages: []})],
    ['stages not an array', scheduleWith({stages: {}})],
    ['no tax titles', scheduleWith({taxes: undefined})],
    ['an empty tax title', scheduleWith({taxes: ['']})],
    ['an amount as a number', stageWith(0, {amount: 3000})],
    ['an amount with a comma', stageWith(0, {amount: '3,000.00'})],
    ['a negative amount', stageWith(0, {amount: '-1.00'})],
    ['fewer tax shares than tax titles', stageWith(0, {tax: []})],
    ['a tax share as a number', stageWith(0, {tax: [401.81]})],
    ['an impossible date', stageWith(2, {dueDate: '2027-02-30'})],
    ['a date-time instead of a date', stageWith(2, {dueDate: '2027-01-20T00:00:00Z'})],
    ['an empty title', stageWith(0, {title: ''})],
    ['a version 1 key in version 2', stageWith(0, {position: 1})],
    ['a missing dueDate', JSON.stringify({...SCHEDULE, stages: [{title: 'Deposit', amount: '1.00', tax: ['0.00']}]})],
    ['a trigger on a dated stage', stageWith(2, {trigger: {event: 'orderFulfilled'}})],
    ['an unknown event', stageWith(1, {trigger: {event: 'paid'}})],
    ['a milestone without its name', stageWith(1, {trigger: {event: 'milestone'}})],
    ['a step that is not a distance', stageWith(1, {trigger: {event: 'orderFulfilled', after: ['3x']}})],
    ['a day of the month out of range', stageWith(1, {trigger: {event: 'orderFulfilled', after: ['day 32']}})],
    ['version 1 positions out of order', v1With(1, {position: 3})],
    ['a version 1 stage with an empty when', v1With(0, {when: ''})],
    ['a version 2 key in version 1', v1With(0, {tax: []})],
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
