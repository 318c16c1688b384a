import { z } from 'zod';
import { DomainError } from './errors';

/** A page of a list; pass `nextCursor` back as `cursor` for the next one (null: no more). */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const pageQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = { cursor?: string; limit?: number };

/** Cursors are opaque to callers: the sort key of the last item, base64url JSON. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key of a cursor (null: first page); a cursor that is not ours is a 400, not a silent first page. */
export function decodeCursor(cursor: string | undefined, parts: number): string[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    // fall through
  }
  throw new DomainError('invalid_request', 'The cursor is not valid for this list.');
}

/** Takes `limit + 1` rows and turns them into a page. */
export function toPage<Row, T>(rows: Row[], limit: number, map: (row: Row) => T, keyOf: (row: Row) => string[]): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(map), nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1]!)) : null };
}

/** Every item of a paginated list, up to `max` (for pages that show a whole, small list). */
export async function collectPages<T>(list: (query: PageQuery) => Promise<Page<T>>, max: number): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < max);
  return all;
}
