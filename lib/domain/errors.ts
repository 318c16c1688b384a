import en from '@/messages/en/errors.json';
import { translator } from '@/lib/i18n/translator';

/**
 * Errors of the domain. Every path (console actions, REST API, CLI) maps them the same way:
 * REST answers `{ error: code, message }` with `status` and the English message; pages show the
 * message in their own language from the `errors` catalogue, through `key` and `values`.
 */
export type DomainErrorCode = 'invalid_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'too_many_requests';

export type ErrorKey = keyof typeof en;
export const isErrorKey = (text: string): text is ErrorKey => Object.hasOwn(en, text);
export type ErrorValues = Record<string, string | number>;
/** What a refusal says: a catalogue message, or (messages only the API and CLI show) plain English. */
export type ErrorText = string | { key: ErrorKey; values?: ErrorValues };

const STATUS: Record<DomainErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
};

export class DomainError extends Error {
  readonly status: number;
  readonly key?: ErrorKey;
  readonly values?: ErrorValues;
  constructor(
    readonly code: DomainErrorCode,
    text: ErrorText,
  ) {
    super(typeof text === 'string' ? text : translator('en', 'errors')(text.key, text.values));
    this.status = STATUS[code];
    if (typeof text !== 'string') {
      this.key = text.key;
      this.values = text.values;
    }
  }
}

/** The things a "was not found" can name in every language (see the notFound message's select). */
const MISSING = ['organization', 'role', 'member', 'invitation', 'permission', 'application', 'user', 'userWithEmail', 'plan', 'price', 'checkout', 'subscription', 'client'] as const;
export type Missing = (typeof MISSING)[number];
const isMissing = (what: string): what is Missing => (MISSING as readonly string[]).includes(what);

export const forbidden = (text: ErrorText = { key: 'forbidden' }) => new DomainError('forbidden', text);
/** `notFound('Role')` or `notFound('role')`; anything else is said in English only (`${what} was not found.`). */
export function notFound(what: Missing | Capitalize<Missing> | (string & {})): DomainError {
  const known = what.charAt(0).toLowerCase() + what.slice(1);
  return new DomainError('not_found', isMissing(known) ? { key: 'notFound', values: { what: known } } : `${what} was not found.`);
}
export const conflict = (text: ErrorText) => new DomainError('conflict', text);
export const unprocessable = (text: ErrorText) => new DomainError('unprocessable', text);
export const tooManyRequests = (text: ErrorText) => new DomainError('too_many_requests', text);

/** "wait 5 minutes" as the catalogue's {unit, select} messages take it (rate-limit.ts describeRetry's steps). */
export function waitValues(seconds: number): ErrorValues {
  if (seconds < 90) return { unit: 'seconds', amount: seconds };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return { unit: 'minutes', amount: minutes };
  return { unit: 'hours', amount: Math.ceil(minutes / 60) };
}
