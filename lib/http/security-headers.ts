/** A fresh CSP nonce: 128 bits of randomness, base64 (no characters that need escaping in HTML). */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString('base64');
}

/** Headers every page carries. The CSP allows scripts only with this response's nonce (no unsafe-inline). */
export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React and Next set style attributes at run time; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // https: for applications' logos on the consent page, served from their own hosts.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    // No form-action: browsers apply it to the redirects after a submit, and signing in or
    // consenting ends in a redirect to the application's own origin.
    "base-uri 'none'",
    "object-src 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
