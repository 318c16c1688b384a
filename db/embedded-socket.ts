import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { NotificationScanner } from './wire-notifications';

export type NotificationListener = (channel: string, payload: string) => void;

/**
 * Serves an in-process PGlite database to other processes (the CLI, test harnesses) over the
 * PostgreSQL wire protocol on a Unix socket.
 *
 * PGlite has a single session, shared with this process's own queries. A client's extended-protocol
 * exchange (Parse, Bind, Execute ... Sync) must therefore run as one unit, and a client's open
 * transaction must keep everyone else out until it ends; otherwise the server's queries land in
 * between and clobber the client's unnamed statement or join its transaction. Messages are
 * buffered up to the next Sync, Flush or simple Query and executed together while holding PGlite's
 * transaction lock, which the server's own queries also take; the lock is kept after a Flush (the
 * exchange goes on) and inside a transaction. Clients must use unnamed statements
 * (postgres.js `prepare: false`): named ones of two clients would collide in the one session.
 */

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SYNC = 'S';
const FLUSH = 'H';
const QUERY = 'Q';
const TERMINATE = 'X';

/** Ends an extended-query exchange a vanished client left open. */
const SYNC_MESSAGE = Uint8Array.from([0x53, 0, 0, 0, 4]);

function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(sql + '\0', 'utf8');
  const msg = Buffer.alloc(5 + body.length);
  msg.write('Q', 0, 'ascii');
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return msg;
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private batch: Buffer[] = [];
  private chain: Promise<void> = Promise.resolve();
  private releaseHold: (() => void) | null = null;
  private readonly notifications: NotificationScanner | null;

  constructor(
    private readonly db: PGlite,
    private readonly socket: net.Socket,
    onNotification?: NotificationListener,
  ) {
    this.notifications = onNotification ? new NotificationScanner(onNotification) : null;
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('close', () => void this.enqueue(() => this.endSession()));
    socket.on('error', () => socket.destroy());
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST) this.socket.write('N');
        else if (code === CANCEL_REQUEST) this.socket.end();
        else {
          this.started = true;
          this.enqueue(() => this.execute(message));
        }
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (type === TERMINATE) {
        this.socket.end();
        return;
      }
      this.batch.push(message);
      if (type === SYNC || type === QUERY || type === FLUSH) {
        const bytes = Buffer.concat(this.batch);
        this.batch = [];
        // After a Flush the client waits for answers mid-exchange (e.g. Describe before Bind):
        // its unnamed statement must survive until its Sync, so the lock stays held.
        const exchangeOpen = type === FLUSH;
        this.enqueue(() => this.execute(bytes, exchangeOpen));
      }
    }
  }

  private enqueue(step: () => Promise<void>) {
    this.chain = this.chain.then(step).catch(() => {
      this.socket.destroy();
    });
  }

  /** Holds PGlite's transaction lock: the server's own queries wait until released. */
  private hold(): Promise<void> {
    if (this.releaseHold) return Promise.resolve();
    return new Promise((acquired) => {
      void this.db._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.releaseHold = release;
            acquired();
          }),
      );
    });
  }

  private release() {
    this.releaseHold?.();
    this.releaseHold = null;
  }

  private async run(bytes: Uint8Array, forward: boolean) {
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(bytes, {
        onRawData: (data) => {
          // PGlite's one session is the server's: a client's NOTIFY comes back in the client's own
          // output, which PGlite does not parse here, so the server's listeners hear it from us.
          this.notifications?.push(data);
          if (forward && this.socket.writable) this.socket.write(data);
        },
      }),
    );
  }

  private async execute(bytes: Uint8Array, exchangeOpen = false) {
    await this.hold();
    try {
      await this.run(bytes, true);
    } finally {
      // Inside a client's transaction or exchange the lock stays held until it ends.
      if (!exchangeOpen && !this.db.isInTransaction()) this.release();
    }
  }

  private async endSession() {
    if (!this.releaseHold) return;
    try {
      if (this.db.isInTransaction()) await this.run(simpleQuery('ROLLBACK'), false);
      else await this.run(SYNC_MESSAGE, false);
    } finally {
      this.release();
    }
  }
}

export async function serveOverSocket(
  db: PGlite,
  socketPath: string,
  onNotification?: NotificationListener,
): Promise<() => Promise<void>> {
  rmSync(socketPath, { force: true });
  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    new Connection(db, socket, onNotification);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  // Same access as the database files themselves: this user only.
  chmodSync(socketPath, 0o600);
  return async () => {
    for (const s of connections) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(socketPath, { force: true });
  };
}
