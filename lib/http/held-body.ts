import type { IncomingMessage } from 'node:http';

export type HeldBody =
  | { ok: true; body: Buffer; /** Hands the body to whoever reads the request next, as if it arrived now. */ release: () => void }
  | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Keeps the body of `req` back from its readers until it has arrived whole, at most `limit` bytes,
 * whether declared by Content-Length or sent in chunks. Server.ts uses it for requests bound for
 * Next, which would read an unbounded chunked body and answers a malformed form with a 500.
 *
 * Works by taking the chunks node's HTTP parser pushes into the request stream, so it must be
 * called in the same turn as the 'request' event, before anything reads the request.
 */
export function holdBody(req: IncomingMessage, limit: number): Promise<HeldBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  const push = req.push.bind(req);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: HeldBody) => {
      if (settled) return;
      settled = true;
      req.push = push;
      resolve(result);
    };
    req.push = (chunk: Buffer | null, encoding?: BufferEncoding) => {
      if (settled) return push(chunk, encoding);
      if (chunk === null) {
        const body = Buffer.concat(chunks);
        settle({
          ok: true,
          body,
          release: () => {
            if (body.length > 0) push(body);
            push(null);
          },
        });
        return false;
      }
      size += chunk.length;
      if (size > limit) {
        // The rest goes into the stream again, where node drops it once the 413 is out.
        settle({ ok: false, reason: 'too-large' });
        return true;
      }
      chunks.push(chunk);
      return true;
    };
    req.once('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}

/**
 * Whether a multipart/form-data body parses, by the same parser Next's server actions use
 * (the Fetch API's FormData): a body it cannot parse is the client's mistake, not a 500.
 */
export async function isParsableMultipart(contentType: string, body: Buffer): Promise<boolean> {
  try {
    await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}
