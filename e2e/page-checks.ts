import type { Page, TestInfo } from '@playwright/test';

/**
 * Collects what the browser reports as going wrong on a page: console errors (a Content Security
 * Policy refusal, a hydration mismatch, an uncaught exception) and CSP violations, which the
 * page's `securitypolicyviolation` events also announce.
 */
export function watchBrowserProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Whether the page scrolls sideways at the current width (what a phone user must never need). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/**
 * Full-page screenshots at 1280 and 390 px, reloaded at each width as a phone would load it,
 * kept with the test's output for a person to look at. Answers which widths scrolled sideways.
 */
export async function screenshotsAtWidths(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  const sideways: string[] = [];
  for (const [size, width] of [['desktop', 1280], ['phone', 390]] as const) {
    await page.setViewportSize({ width, height: 844 });
    await page.reload();
    await page.waitForLoadState('networkidle');
    if (await scrollsSideways(page)) sideways.push(size);
    const file = testInfo.outputPath(`${name}-${size}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${size}`, { path: file, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return sideways;
}
