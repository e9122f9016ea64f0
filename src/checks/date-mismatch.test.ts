import { describe, expect, it } from 'vitest';
import { docWithTimes, testResources } from '../resolve/time/test-helpers.js';
import { dateMismatch } from './date-mismatch.js';

describe('dateMismatch', () => {
  const res = testResources();

  it('names the phrase whose weekday and calendar date disagree', () => {
    // 1 April 2022 was a Friday
    const doc = docWithTimes('In a statement on Saturday, April 1, the army said it had retaken the town.', '2022-04-06');
    const [c] = dateMismatch(doc, res);
    expect(c).toMatchObject({ kind: 'date-mismatch', text: 'Saturday, April 1' });
    expect(c!.message).toMatch(/1 April 2022 was a Friday, not a Saturday/);
  });

  it('accepts a weekday that fits, including one that dates an old article', () => {
    expect(dateMismatch(docWithTimes('The army said on Friday, April 1, it had retaken the town.', '2022-04-06'), res)).toEqual([]);
    expect(dateMismatch(docWithTimes('Clashes broke out on Monday (September 12).', '2023-05-31'), res)).toEqual([]);
  });

  it('flags a weekday that contradicts a date with a stated year', () => {
    const [c] = dateMismatch(docWithTimes('The vote was held on Wednesday, 3 March 2020.', '2020-03-10'), res);
    expect(c?.text).toBe('Wednesday, 3 March 2020');
  });
});
