import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type GracefulShutdown = {
  /**
   * Stops accepting connections and waits for the requests in flight to be answered, at most
   * `timeoutMs`; then cuts whatever is left. Resolves true when everything finished in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
};

/**
 * Lets `server` stop the way a load balancer expects: the listening socket closes at once (new
 * connections are refused), idle keep-alive connections are closed, and every request already
 * received is answered with `Connection: close`, its socket ended only after the answer is out, so
 * no client in flight sees a reset connection. Install before the server answers its first request.
 */
export function gracefulShutdown(server: Server): GracefulShutdown {
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const finished = (res: ServerResponse, socket: Socket) => {
    inFlight.delete(res);
    // A response whose headers went out before the drain began promised keep-alive: end its
    // socket once answered (end, not destroy: what was written still reaches the client).
    if (draining && !socket.destroyed) socket.end();
  };

  // Ahead of the request handler, so the answer it writes already carries Connection: close.
  server.prependListener('request', (req, res) => {
    const socket = req.socket;
    inFlight.add(res);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => finished(res, socket));
  });

  return {
    drain(timeoutMs) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      const closed = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
      // Node 20's close() leaves idle keep-alive connections open until their timeout.
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          server.closeAllConnections();
          resolve(false);
        }, timeoutMs);
      });
      return Promise.race([closed, timedOut]).finally(() => clearTimeout(timer));
    },
  };
}
