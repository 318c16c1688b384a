// Keeps this process's notified caches (claims, application resources) in step with every
// instance's changes (PostgreSQL LISTEN/NOTIFY, one channel per cache: ./changes.ts).
// Enforces: entries are served only while listening; a lost connection stops serving them until
// LISTEN is back, and then the whole cache is dropped (notifications may have been missed); and a
// change committed anywhere is seen by the next lookup here (see sync below).
import postgres from 'postgres';
import { connection, onSocketNotification } from '@/db';
import { config } from '@/lib/config';
import { attachChangeFeed, changeNotified, clearNotifiedCaches, type ChangeFeed } from './cache';
import { CHANGE_CHANNELS } from './changes';

const MAX_RETRY_MS = 30_000;
/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_NAME = 'auth-portal claims listener';

/** Starts listening (once per process); returns a function that stops it. */
export async function startClaimsListener(): Promise<() => Promise<void>> {
  const conn = connection();
  if (conn.kind === 'pglite') {
    // The server's own NOTIFYs arrive through PGlite's listen, the CLI's through the socket; either
    // way before the committing statement returns, so there is no window to close.
    const unlisten = await Promise.all(
      CHANGE_CHANNELS.map((channel) => conn.client.listen(channel, (payload) => changeNotified(channel, payload))),
    );
    const unlistenSocket = onSocketNotification(changeNotified);
    attachChangeFeed({ live: () => true, sync: () => Promise.resolve() });
    return async () => {
      attachChangeFeed(null);
      unlistenSocket();
      for (const stop of unlisten) await stop();
    };
  }
  const feed = new PostgresChangeFeed(config().databaseUrl!);
  await feed.start();
  return () => feed.stop();
}

/**
 * A dedicated connection that LISTENs. Its `sync` closes the race between another instance's commit
 * and a token issued here before the notification arrived: a query on the listening connection
 * answers only after PostgreSQL has delivered every notification committed before it was sent
 * (pending notifies are flushed before ReadyForQuery), and postgres.js hands them to `onnotify`
 * before it resolves the query. Concurrent lookups share one round trip.
 */
class PostgresChangeFeed implements ChangeFeed {
  private readonly sql: postgres.Sql;
  private listening = false;
  private stopped = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(url: string) {
    const options = {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      connection: { application_name: LISTENER_NAME },
      onnotice: () => {},
      // Not in postgres.js's types, but the option its own sql.listen uses.
      onnotify: changeNotified,
      onclose: () => this.lost(),
    };
    this.sql = postgres(url, options as postgres.Options<Record<string, postgres.PostgresType>>);
  }

  live(): boolean {
    return this.listening;
  }

  sync(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.roundTrip().finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    // The round trip in flight may have been sent before our caller's change was committed: wait for the next.
    this.next ??= this.inFlight
      .catch(() => {})
      .then(() => {
        this.next = null;
        return this.sync();
      });
    return this.next;
  }

  async start(): Promise<void> {
    attachChangeFeed(this);
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    attachChangeFeed(null);
    await this.sql.end({ timeout: 5 });
  }

  private async roundTrip(): Promise<void> {
    await this.sql`select 1`;
  }

  private async listen(): Promise<void> {
    try {
      for (const channel of CHANGE_CHANNELS) await this.sql.unsafe(`listen ${channel}`);
      this.retryMs = 500;
      // Anything committed while we were not listening is unknown: start empty.
      clearNotifiedCaches();
      this.listening = true;
    } catch (err) {
      console.error('claims listener: LISTEN failed, retrying', err instanceof Error ? err.message : err);
      this.scheduleRetry();
    }
  }

  private lost() {
    if (this.stopped) return;
    this.listening = false;
    clearNotifiedCaches();
    this.scheduleRetry();
  }

  private scheduleRetry() {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
