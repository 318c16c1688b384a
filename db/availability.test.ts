import { afterEach, describe, expect, it } from 'vitest';
import { databaseDown, noteQueryOutcome } from './availability';
import { DatabaseDown, isDatabaseUnavailable } from './errors';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

afterEach(() => noteQueryOutcome(undefined));

describe('databaseDown', () => {
  it('follows the latest query: down after one that could not reach the database, up after one that succeeded', () => {
    expect(databaseDown()).toBe(false);
    noteQueryOutcome(refused);
    expect(databaseDown()).toBe(true);
    noteQueryOutcome(undefined);
    expect(databaseDown()).toBe(false);
  });

  it('takes no notice of other errors', () => {
    noteQueryOutcome(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(databaseDown()).toBe(false);
  });

  it('takes no notice of a failure of a query that started before the last success (it waited through the outage)', () => {
    const startedBefore = performance.now();
    noteQueryOutcome(undefined);
    noteQueryOutcome(refused, startedBefore);
    expect(databaseDown()).toBe(false);
    noteQueryOutcome(refused);
    expect(databaseDown()).toBe(true);
  });
});

describe('DatabaseDown', () => {
  it('is a database-unavailable error (answered 503), through a wrapper too', () => {
    expect(isDatabaseUnavailable(new DatabaseDown())).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: new DatabaseDown() }))).toBe(true);
  });
});
