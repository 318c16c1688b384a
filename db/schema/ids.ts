import { uuidv7 } from 'uuidv7';
import { text, timestamp } from 'drizzle-orm/pg-core';

/** Primary keys are UUIDv7: unguessable enough for URLs, and index-friendly. */
export const idColumn = () => text('id').primaryKey().$defaultFn(() => uuidv7());
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
