import Bowser from 'bowser';

// Bowser's names, where people know a shorter one.
const SHORT_NAMES: Record<string, string> = { 'Microsoft Edge': 'Edge', 'Samsung Internet for Android': 'Samsung Internet' };
const KNOWN_BROWSERS = new Set(Object.values(Bowser.BROWSER_MAP));

/** A short "Browser on System" from a User-Agent header, for people reading session lists. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Unknown browser';
  const { browser, os, platform } = Bowser.parse(ua);
  // Bowser takes the first word of any header it does not know for a browser's name: the header itself says more.
  if (!browser.name || !KNOWN_BROWSERS.has(browser.name)) return ua.slice(0, 60);
  const name = SHORT_NAMES[browser.name] ?? browser.name;
  // An iPad asking for desktop sites sends a Mac's header: it is labelled as what it says it is.
  const system = platform.model === 'iPad' ? 'iPad' : os.name;
  return system ? `${name} on ${system}` : name;
}
