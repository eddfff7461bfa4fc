import { mapWithConcurrency } from './concurrency';
import { jitteredDelay } from './jitter';

describe('mapWithConcurrency', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('handles no items', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});

describe('jitteredDelay', () => {
  it('spreads the interval over ±jitter/2', () => {
    expect(jitteredDelay(30_000, 0.2, () => 0)).toBe(27_000);
    expect(jitteredDelay(30_000, 0.2, () => 0.5)).toBe(30_000);
    expect(jitteredDelay(30_000, 0.2, () => 0.999999)).toBe(33_000);
    expect(jitteredDelay(30_000, 0, () => 0.7)).toBe(30_000);
  });
});
