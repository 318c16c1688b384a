// The portal's error page for requests whose errors may not be redirected (RFC 6749 §4.1.2.1).
// Its address is a link anyone can craft, so the page shows only texts written here: the code if
// it is one we know, and the description only if it is one of ours, word for word.

import { seeOther } from './protocol';

const ERROR_PAGE_PATH = '/authorize-error';

/** Descriptions the portal sends to its error page; only these are ever shown there. */
export const ERROR_PAGE_TEXTS = {
  noClientId: 'The request has no client_id.',
  unknownClient: 'This application is not registered with the portal.',
  noRedirectUri: 'The request has no redirect_uri.',
  unregisteredRedirectUri: 'The redirect_uri is not registered for this application.',
  disallowedRedirectUri: 'The redirect_uri registered for this application is not allowed any more: it must be registered again.',
  invalidIdTokenHint: 'id_token_hint is not an ID token issued by this portal.',
  clientIdMismatch: 'client_id does not match id_token_hint.',
  unregisteredPostLogoutUri: 'post_logout_redirect_uri is not registered for this client.',
  disallowedPostLogoutUri: 'The post_logout_redirect_uri registered for this client is not allowed any more: it must be registered again.',
} as const;

/** What each error code means, for a description that is not one of ours. */
const TEXT_BY_CODE: Record<string, string> = {
  invalid_request: 'The request is missing a value or has one the portal cannot accept.',
  invalid_client: ERROR_PAGE_TEXTS.unknownClient,
  unauthorized_client: 'This application may not sign people in this way.',
  invalid_scope: 'The application asked for access the portal cannot give it.',
  unsupported_response_type: 'The application asked for a kind of answer the portal does not give.',
  request_not_supported: 'The application sent a request object, which the portal does not support.',
  request_uri_not_supported: 'The application sent a request_uri, which the portal does not support.',
  invalid_target: 'The application asked for access to a resource the portal does not know.',
  server_error: 'The portal could not handle the request. Try again later.',
  temporarily_unavailable: 'The portal is busy. Try again later.',
};

type OurText = keyof typeof ERROR_PAGE_TEXTS;
const OUR_TEXTS = new Map<string, OurText>(Object.entries(ERROR_PAGE_TEXTS).map(([name, text]) => [text, name as OurText]));

export function errorPagePath(error: string, description: string): string {
  return `${ERROR_PAGE_PATH}?${new URLSearchParams({ error, error_description: description })}`;
}

/** To the error page, for an error that may not be redirected to the client. */
export function errorPageRedirect(error: string, description: string): Response {
  return seeOther(errorPagePath(error, description));
}

/**
 * What the error page shows for the parameters it was opened with: the English message, and its
 * key in the page catalogue (auth.authorizeError.texts.* or .codes.*) for other languages.
 */
export function errorPageContent(error: unknown, description: unknown): { code: string; message: string; messageKey: string } {
  const code = typeof error === 'string' && Object.hasOwn(TEXT_BY_CODE, error) ? error : 'invalid_request';
  const ours = typeof description === 'string' ? OUR_TEXTS.get(description) : undefined;
  if (ours) return { code, message: ERROR_PAGE_TEXTS[ours], messageKey: `texts.${ours}` };
  return { code, message: TEXT_BY_CODE[code]!, messageKey: `codes.${code}` };
}
