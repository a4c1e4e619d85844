import {describe, expect, it} from 'vitest';

import {isZeroDecimal, sumDecimals} from '../../../extensions/buyer-schedule/src/decimal';

describe('sumDecimals', () => {
  it('adds decimal strings exactly, where binary floats would not', () => {
    expect(sumDecimals(['11384.70', '4553.87'])).toBe('15938.57');
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['90071992547409.93', '0.01'])).toBe('90071992547409.94');
  });

  it('keeps the longest scale and a currency without decimals', () => {
    expect(sumDecimals(['1.5', '0.25'])).toBe('1.75');
    expect(sumDecimals(['300000', '5'])).toBe('300005');
    expect(sumDecimals(['0.01'])).toBe('0.01');
    expect(sumDecimals([])).toBe('0');
  });

  it('refuses what is not a decimal amount', () => {
    expect(() => sumDecimals(['1,000.00'])).toThrow(/not a decimal amount/);
  });
});

describe('isZeroDecimal', () => {
  it.each([
    ['0', true],
    ['0.00', true],
    ['0.01', false],
    ['10.00', false],
  ])('%s → %s', (amount, zero) => expect(isZeroDecimal(amount)).toBe(zero));
});
