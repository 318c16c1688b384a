import { randomUUID } from 'node:crypto';

/** What a proxy's or client's id may look like to be kept: short, and nothing a log line could be forged with. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming X-Request-Id when it is well-formed, so one id follows a request through proxies; otherwise a new one. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}
