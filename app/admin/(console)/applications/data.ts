import { notFound } from 'next/navigation';
import { DomainError } from '@/lib/domain/errors';

/** A lib lookup whose "not found" is the page's 404 (inside the console, as unknown addresses are). */
export async function orNotFound<T>(id: string, lookup: () => Promise<T>): Promise<T> {
  if (id.length > 200) notFound();
  try {
    return await lookup();
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  }
}
