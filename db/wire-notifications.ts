/**
 * Finds NotificationResponse messages ('A') in a PostgreSQL backend's output stream, which may
 * arrive split anywhere across chunks. Only headers are read; other messages' bodies are skipped.
 */
export class NotificationScanner {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private body: Buffer[] | null = null;

  constructor(private readonly onNotification: (channel: string, payload: string) => void) {}

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        this.body?.push(Buffer.from(chunk.subarray(at, at + take)));
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.finish();
        continue;
      }
      const take = Math.min(5 - this.header.length, chunk.length - at);
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + take)]);
      at += take;
      if (this.header.length < 5) return;
      this.remaining = this.header.readInt32BE(1) - 4;
      this.body = this.header[0] === 0x41 ? [] : null;
      this.header = Buffer.alloc(0);
      if (this.remaining === 0) this.finish();
    }
  }

  private finish() {
    if (!this.body) return;
    // Int32 sending process id, channel\0, payload\0
    const body = Buffer.concat(this.body);
    this.body = null;
    const channelEnd = body.indexOf(0, 4);
    if (channelEnd < 0) return;
    this.onNotification(body.toString('utf8', 4, channelEnd), body.toString('utf8', channelEnd + 1, Math.max(channelEnd + 1, body.length - 1)));
  }
}
