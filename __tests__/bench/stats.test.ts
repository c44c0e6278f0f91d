import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { median, ratio } from '../../scripts/bench/stats.js';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no values and ignores values that are not numbers', () => {
    expect(median([])).toBeNaN();
    expect(median([Number.NaN, 2, Number.POSITIVE_INFINITY])).toBe(2);
  });
  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
  it('lies between the smallest and largest value and ignores order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const m = median(values);
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
        expect(median([...values].reverse())).toBe(m);
      }),
    );
  });
});

describe('ratio', () => {
  it('divides by the baseline', () => {
    expect(ratio(150, 50)).toBe(3);
  });
  it('is NaN when the baseline is not a positive number', () => {
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, -2)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });
});
