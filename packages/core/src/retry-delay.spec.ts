import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';

describe('retryDelay', () => {
  it('doubles per attempt up to the cap', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 10].map((attempt) => retryDelay(attempt, 100, 500, middle))).toEqual([100, 200, 400, 500, 500]);
  });

  it('jitters by half either way without exceeding the cap', () => {
    expect(retryDelay(0, 100, 500, () => 0)).toBe(50);
    expect(retryDelay(0, 100, 500, () => 0.999999)).toBe(150);
    expect(retryDelay(5, 100, 500, () => 0.999999)).toBe(500);
  });
});
