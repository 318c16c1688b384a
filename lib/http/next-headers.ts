import type { IncomingHttpHeaders } from 'node:http';
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state.js';

/**
 * Whether the request carries a router-state header Next cannot parse. Next answers such a
 * request (a client-side navigation's, or a forged one) with a 500; it is the client's mistake.
 * Checked with Next's own parser, so the two cannot disagree.
 */
export function hasBrokenRouterState(headers: IncomingHttpHeaders): boolean {
  const state = headers['next-router-state-tree'];
  if (state === undefined) return false;
  try {
    parseAndValidateFlightRouterState(state);
    return false;
  } catch {
    return true;
  }
}
