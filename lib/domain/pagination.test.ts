import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { collectPages, decodeCursor, encodeCursor, pageQuerySchema, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips the sort key of the last item shown', () => {
    const rows = ['a', 'b', 'c'].map((k) => ({ k }));
    const page = toPage(rows, 2, (r) => r.k, (r) => [r.k]);
    expect(page.items).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual(['b']);
    expect(toPage(rows, 3, (r) => r.k, (r) => [r.k]).nextCursor).toBeNull();
  });

  it.each(['not-base64!', encodeCursor(['a']), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'answers 400 for a cursor that is not one of this list\u2019s: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(DomainError);
    },
  );

  it('bounds the page size', () => {
    expect(pageQuerySchema.parse({}).limit).toBe(20);
    expect(pageQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(pageQuerySchema.parse({ limit: '5' }).limit).toBe(5);
  });
});

describe('collectPages', () => {
  const numbers = Array.from({ length: 250 }, (_, i) => String(i).padStart(3, '0'));
  const list = async (query: { cursor?: string; limit?: number }) => {
    const after = decodeCursor(query.cursor, 1)?.[0];
    const rows = numbers.filter((n) => !after || n > after).slice(0, (query.limit ?? 20) + 1);
    return toPage(rows, query.limit ?? 20, (n) => n, (n) => [n]);
  };

  it('follows the cursors to the end of the list', async () => {
    expect(await collectPages(list, 1000)).toEqual(numbers);
  });

  it('stops once it has at least `max` items', async () => {
    expect(await collectPages(list, 150)).toEqual(numbers.slice(0, 200));
  });
});
