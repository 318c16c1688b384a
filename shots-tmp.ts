import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';
const browser = await chromium.launch(chromiumLaunchOptions);
for (const [size, options] of Object.entries({ phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, desktop: { viewport: { width: 1280, height: 900 } } })) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('http://127.0.0.1:3917/docs');
  await page.screenshot({ path: `/tmp/shots/docs-top-${size}.png` });
  await page.goto('http://127.0.0.1:3917/docs#createRole');
  await page.screenshot({ path: `/tmp/shots/docs-createRole-${size}.png` });
  await page.goto('http://127.0.0.1:3917/docs#schema-Member');
  await page.screenshot({ path: `/tmp/shots/docs-schema-${size}.png` });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(size, 'scrollWidth', width, 'errors', errors);
}
await browser.close();
