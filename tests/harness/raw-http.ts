import net from 'node:net';

/** An HTTP/1.1 response read off a raw socket. */
export type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/**
 * A TCP connection to the portal on which a test writes exactly the bytes it wants (half a request,
 * a request a client library would refuse to send) and reads the answers one by one.
 */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  /** Resolves once the server has closed its side (or the connection broke). */
  readonly closed: Promise<'end' | 'error'>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.once('end', () => resolve('end'));
      socket.once('error', () => resolve('error'));
      socket.once('close', () => resolve('end'));
    });
    void this.closed.then(() => this.wake());
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  private get ended(): boolean {
    return this.socket.destroyed || this.socket.readableEnded;
  }

  /** The next whole response (Content-Length bodies, or up to the close); null if the server closed first. */
  async readResponse(): Promise<RawAnswer | null> {
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine, ...lines] = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
        const available = this.buffered.length - end - 4;
        if (length !== undefined ? available >= length : this.ended) {
          const bodyEnd = end + 4 + (length ?? available);
          const body = this.buffered.subarray(end + 4, bodyEnd).toString('utf8');
          this.buffered = this.buffered.subarray(bodyEnd);
          return { status: Number(statusLine!.split(' ')[1]), headers, body };
        }
      }
      if (this.ended) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The error code of a connection attempt that failed, or null when it connected. */
export async function connectionError(url: string): Promise<string | null> {
  try {
    (await RawConnection.open(url)).destroy();
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

/**
 * Writes `request` (which should ask for `Connection: close`) on a connection of its own and reads
 * until the server closes it: the status of the answer, or null when the connection closed without
 * one or nothing came back within `guardMs` (a hang, for the caller to report).
 */
export function exchange(url: string, request: Buffer, guardMs = 30_000): Promise<number | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let head = '';
    const finish = () => {
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve(match ? Number(match[1]) : null);
    };
    socket.setTimeout(guardMs, finish);
    socket.on('data', (chunk: Buffer) => {
      if (head.length < 64) head += chunk.toString('latin1', 0, 64);
    });
    socket.once('close', finish);
    // A reset after the answer arrived still counts as answered; before it, as no answer.
    socket.on('error', () => {});
    socket.write(request);
  });
}
