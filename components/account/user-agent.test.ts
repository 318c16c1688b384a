import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './user-agent';

// Headers as the browsers send them.
const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  headlessChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  chromeIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1',
  chromeIpad: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  firefoxIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/124.0 Mobile/15E148 Safari/605.1.15',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  edgeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 EdgA/124.0.2478.50',
  edgeIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/123.0.2420.56 Mobile/15E148 Safari/605.1.15',
  operaWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0',
  samsungInternet: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  chromebook: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

describe('describeUserAgent', () => {
  it.each([
    [UA.chromeWindows, 'Chrome on Windows'],
    [UA.chromeLinux, 'Chrome on Linux'],
    [UA.headlessChrome, 'Chrome on Linux'],
    [UA.chromeAndroid, 'Chrome on Android'],
    [UA.chromebook, 'Chrome on Chrome OS'],
    [UA.firefoxWindows, 'Firefox on Windows'],
    [UA.firefoxMac, 'Firefox on macOS'],
    [UA.firefoxUbuntu, 'Firefox on Linux'],
    [UA.safariMac, 'Safari on macOS'],
    [UA.safariIphone, 'Safari on iOS'],
  ])('names the browser and system of %s', (ua, label) => {
    expect(describeUserAgent(ua)).toBe(label);
  });

  it('names Chrome and Firefox on iOS by their own names, not Safari (CriOS, FxiOS)', () => {
    expect(describeUserAgent(UA.chromeIphone)).toBe('Chrome on iOS');
    expect(describeUserAgent(UA.firefoxIphone)).toBe('Firefox on iOS');
    expect(describeUserAgent(UA.edgeIphone)).toBe('Edge on iOS');
  });

  it('names the Chromium-based browsers that also say Chrome: Edge, Opera, Samsung Internet', () => {
    expect(describeUserAgent(UA.edgeWindows)).toBe('Edge on Windows');
    expect(describeUserAgent(UA.edgeAndroid)).toBe('Edge on Android');
    expect(describeUserAgent(UA.operaWindows)).toBe('Opera on Windows');
    expect(describeUserAgent(UA.samsungInternet)).toBe('Samsung Internet on Android');
  });

  it('names an iPad, and labels an iPad that sends a Mac header as the Mac it claims to be', () => {
    expect(describeUserAgent(UA.safariIpad)).toBe('Safari on iPad');
    expect(describeUserAgent(UA.chromeIpad)).toBe('Chrome on iPad');
    // iPadOS Safari asks for desktop sites by default with exactly the header of Safari on a Mac.
    expect(describeUserAgent(UA.safariMac)).toBe('Safari on macOS');
  });

  it('says "Unknown browser" without a header', () => {
    expect(describeUserAgent(null)).toBe('Unknown browser');
    expect(describeUserAgent('')).toBe('Unknown browser');
  });

  it('shows the start of a header that names no known browser', () => {
    expect(describeUserAgent('FormClient/1.0 (tests)')).toBe('FormClient/1.0 (tests)');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeUserAgent(`MyClient/1.0 ${'x'.repeat(100)}`)).toBe(`MyClient/1.0 ${'x'.repeat(47)}`);
  });
});
