import { describe, expect, it } from 'vitest';
import { combineRounds, median, twoThreadCeiling } from './steps.js';

describe('bench rounds', () => {
  it('takes the median, the mean of the middle two for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([0.2, 0.3])).toBe(0.25);
    expect(median([5])).toBe(5);
  });

  it('reports each ratio as the median of the rounds’ own ratios, peaks as the largest, and keeps every round', () => {
    const out = combineRounds([
      { floor_articles_per_s: 800, articles_per_s: 160, floor_ratio: 0.2, two_thread_articles_per_s: 240, two_thread_speedup: 1.5, single_peak_rss_mb: 360, two_thread_peak_rss_mb: 780, single_articles_per_s_by_fifth: [1, 2] },
      { floor_articles_per_s: 700, articles_per_s: 245, floor_ratio: 0.35, two_thread_articles_per_s: 250, two_thread_speedup: 1.02, single_peak_rss_mb: 370, two_thread_peak_rss_mb: 750, single_articles_per_s_by_fifth: [3, 4] },
      { floor_articles_per_s: 600, articles_per_s: 180, floor_ratio: 0.3, two_thread_articles_per_s: 300, two_thread_speedup: 1.667, single_peak_rss_mb: 350, two_thread_peak_rss_mb: 790, single_articles_per_s_by_fifth: [5, 6] },
    ]);
    // the middle round's own ratio, not the ratio of the median rates (180 / 700 = 0.257, 250 / 180 = 1.389)
    expect(out.floor_ratio).toBe(0.3);
    expect(out.articles_per_s).toBe(180);
    expect(out.floor_articles_per_s).toBe(700);
    expect(out.two_thread_speedup).toBe(1.5);
    expect(out.single_peak_rss_mb).toBe(370);
    expect(out.two_thread_peak_rss_mb).toBe(790);
    expect(out.single_articles_per_s_by_fifth).toEqual([5, 6]);
    expect((out.rounds as unknown[]).length).toBe(3);
    expect((out.rounds as { floor_ratio: number }[]).map((r) => r.floor_ratio)).toEqual([0.2, 0.35, 0.3]);
  });

  it('bounds the two-thread speedup by the single thread’s whole CPU per article over two cores', () => {
    // a thread whose helpers take nothing: twice its rate
    expect(twoThreadCeiling(400, 0.0025)).toBeCloseTo(2, 6);
    // session 20's figures: 422.7 articles/s, 2.75 ms of CPU per article on all its threads
    expect(twoThreadCeiling(422.7, 0.00275)).toBeCloseTo(1.7206, 3);
    // on the 1.93 cores a run kept busy
    expect(twoThreadCeiling(422.7, 0.00275, 1.93)).toBeCloseTo(1.6604, 3);
  });
});
