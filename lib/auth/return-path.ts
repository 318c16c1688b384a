/**
 * A return path is honoured only when it stays on this origin: it must start with a single `/`,
 * and neither `//host`, `/\host`, control characters nor a scheme may sneak another origin in.
 * The checks hold for the path as URL parsing normalises it too: `/.//host` and `/%2e//host`
 * become `//host`, which a browser reads as another origin.
 */
export function safeReturnPath(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Browsers drop tabs/newlines and treat backslashes as slashes when parsing URLs.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const base = 'http://portal.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    const path = url.pathname + url.search + url.hash;
    return path.startsWith('//') || path.startsWith('/\\') ? fallback : path;
  } catch {
    return fallback;
  }
}
