import { appendFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';

/**
 * The portal's pages and the checks every one of them must pass at phone and desktop width, in the
 * light and the dark palette: nothing scrolls sideways, nothing visible sticks out to the right,
 * and axe finds no serious or critical WCAG 2.1 A/AA violation. Used by e2e/every-page.spec.ts;
 * other specs can audit their own pages with `auditPage`.
 *
 * The dark palette changes colours only (light-dark() in app/globals.css; the markup is the same
 * but for the theme switcher's aria-pressed), so in dark mode axe runs only its colour rules
 * (DARK_RULES): the rest of the audit would repeat the light one on the same markup, and took most
 * of the time.
 */

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];
/** A phone (iPhone 12–15) and a laptop. */
export const WIDTHS: readonly number[] = [390, 1280];

export type PortalPage = { name: string; path: string };
export type Problem = { page: string; width: number; theme: Theme; problem: string };

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * The WCAG A/AA rules of axe-core 4.14 whose outcome depends on colours (its `cat.color` rules in
 * WCAG_TAGS): text contrast, and links told apart from the text around them.
 */
const DARK_RULES = ['color-contrast', 'link-in-text-block'];

/** Pages anyone can open; the tokens are deliberately wrong, so each shows its error state. */
export function signedOutPages(): PortalPage[] {
  return [
    { name: 'home', path: '/' },
    { name: 'login', path: '/login' },
    { name: 'signup', path: '/signup' },
    { name: 'forgot-password', path: '/forgot-password' },
    { name: 'reset-password (bad token)', path: '/reset-password?token=bad' },
    { name: 'verify-email', path: '/verify-email' },
    { name: 'two-factor (expired)', path: '/two-factor?next=%2Faccount' },
    { name: 'invitation (bad token)', path: '/invitation/not-a-real-invitation-token' },
    { name: 'authorize-error', path: '/authorize-error' },
    { name: 'setup (bad token)', path: '/setup?token=bad' },
    { name: 'docs', path: '/docs' },
    { name: 'not found', path: '/this-page-does-not-exist' },
  ];
}

/** Every page of a signed-in organization owner: the account and the organization console. */
export function ownerPages(orgId: string, roleId: string): PortalPage[] {
  const account = ['applications', 'organizations', 'sessions', 'security', 'security/two-factor', 'sign-in-methods', 'password', 'email-change', 'delete', 'reauth'];
  const org = ['members', 'invitations', 'roles', `roles/${roleId}`, 'permissions', 'settings', 'billing', 'usage'];
  return [
    { name: 'account', path: '/account' },
    ...account.map((sub) => ({ name: `account/${sub}`, path: `/account/${sub}` })),
    { name: 'org (list)', path: '/org' },
    { name: 'org/<id>', path: `/org/${orgId}` },
    ...org.map((tab) => ({ name: `org/<id>/${tab.startsWith('roles/') ? 'roles/<role>' : tab}`, path: `/org/${orgId}/${tab}` })),
  ];
}

/** The platform console's pages, for a platform administrator signed in with a second factor; `userId` a user with a long name and address. */
export function platformAdminPages({ orgId, userId, appId, clientId }: { orgId: string; userId: string; appId: string; clientId: string }): PortalPage[] {
  return [
    { name: 'admin', path: '/admin' },
    { name: 'admin/users', path: '/admin/users' },
    { name: 'admin/users/<id>', path: `/admin/users/${userId}` },
    { name: 'admin/organizations', path: '/admin/organizations' },
    { name: 'admin/organizations/<id>', path: `/admin/organizations/${orgId}` },
    { name: 'admin/audit', path: '/admin/audit' },
    { name: 'admin/keys', path: '/admin/keys' },
    { name: 'admin/identity-providers', path: '/admin/identity-providers' },
    { name: 'admin/settings', path: '/admin/settings' },
    { name: 'admin/applications', path: '/admin/applications' },
    { name: 'admin/applications/<id>', path: `/admin/applications/${appId}` },
    { name: 'admin/applications/<id>/clients/new', path: `/admin/applications/${appId}/clients/new` },
    { name: 'admin/applications/<id>/clients/<id>', path: `/admin/applications/${appId}/clients/${clientId}` },
  ];
}

/** A context at `width` in `theme` (the portal's theme cookie, and the same system preference). */
export async function themedContext(browser: Browser, baseURL: string, width: number, theme: Theme, storageState?: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width, height: width < 640 ? 844 : 800 },
    colorScheme: theme,
    storageState,
  });
  await context.addCookies([{ name: 'theme', value: theme, url: baseURL }]);
  return context;
}

/** Whether the page scrolls sideways. */
async function overflowsSideways(page: Page): Promise<string | null> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return scrollWidth > clientWidth ? `scrolls sideways: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}` : null;
}

/**
 * Visible elements whose right edge lies past the viewport. An element inside a container that
 * clips or scrolls sideways (overflow-x other than visible, below <body>) counts only up to that
 * container's edge, so a wide code block in an overflow-x-auto box is fine; sr-only elements and
 * invisible ones are skipped. Answers the innermost offenders (the likely culprits), at most five.
 */
async function offScreenElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 1;
    const offenders: Element[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (element.closest('.sr-only')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      let right = rect.right;
      for (let ancestor = element.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
        if (getComputedStyle(ancestor).overflowX !== 'visible') right = Math.min(right, ancestor.getBoundingClientRect().right);
      }
      if (right > limit) offenders.push(element);
    }
    const innermost = offenders.filter((element) => !offenders.some((other) => other !== element && element.contains(other)));
    return innermost.slice(0, 5).map((element) => {
      const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/).slice(0, 4).join('.') : '';
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const right = Math.round(element.getBoundingClientRect().right);
      return `off-screen right (${right}px > ${window.innerWidth}px): <${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''}> "${text}"`;
    });
  });
}

/**
 * axe-core's serious and critical WCAG 2.1 A/AA violations, one line per rule with up to three
 * elements: all of them in the light palette, the colour rules only in the dark one.
 */
async function accessibilityViolations(page: Page, theme: Theme): Promise<string[]> {
  // Legacy mode: axe.run() in the page itself. The default mode runs axe in every frame and then
  // opens a blank page to merge their results, injecting axe-core twice in each: 40% of the time of
  // an audit here. It would test no more on the portal's pages, which have no frames (checked below).
  const axe = new AxeBuilder({ page }).setLegacyMode();
  const results = await (theme === 'dark' ? axe.withRules(DARK_RULES) : axe.withTags(WCAG_TAGS)).analyze();
  const violations = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
      const more = violation.nodes.length > 3 ? ` (+${violation.nodes.length - 3} more)` : '';
      return `axe ${violation.id} (${violation.impact}): ${targets}${more}`;
    });
  const frames = page.frames().length - 1;
  if (frames > 0) violations.push(`has ${frames} frame(s), which this audit does not enter: audit them in axe's default mode`);
  return violations;
}

function fileName(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
}

/**
 * Runs every check on the page as it is now and saves a full-page screenshot with the test's
 * output. Answers the problems found, each naming the page, width and theme.
 */
export async function auditPage(page: Page, testInfo: TestInfo, name: string, theme: Theme): Promise<Problem[]> {
  const width = page.viewportSize()?.width ?? 0;
  await page.waitForLoadState('load');
  const found = [await overflowsSideways(page), ...(await offScreenElements(page)), ...(await accessibilityViolations(page, theme))];
  const problems = found.filter((problem) => problem !== null).map((problem) => ({ page: name, width, theme, problem }));
  // A page with a problem is shown in the report; E2E_SCREENSHOTS=all shows every page, for looking at them.
  if (problems.length || process.env.E2E_SCREENSHOTS === 'all') {
    const file = testInfo.outputPath(`${theme}-${width}-${fileName(name)}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${theme}-${width}-${name}`, { path: file, contentType: 'image/png' });
  }
  // Written as they are found, so a long run can be read before it ends.
  appendFileSync(testInfo.outputPath('problems.txt'), problems.length ? `${formatProblems(problems)}\n` : `${name} @ ${width}px ${theme}: ok\n`);
  return problems;
}

/** Opens `portalPage` and audits it; a page that fails to load is a problem too. */
export async function visitAndAudit(page: Page, testInfo: TestInfo, portalPage: PortalPage, theme: Theme): Promise<Problem[]> {
  const width = page.viewportSize()?.width ?? 0;
  const response = await page.goto(portalPage.path);
  const status = response?.status() ?? 0;
  const problems = await auditPage(page, testInfo, portalPage.name, theme);
  const expected = portalPage.name === 'not found' ? 404 : 200;
  if (status !== expected) problems.unshift({ page: portalPage.name, width, theme, problem: `HTTP ${status} at ${page.url()}` });
  return problems;
}

/** One readable line per problem, for the assertion message. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.page} @ ${p.width}px ${p.theme}: ${p.problem}`).join('\n');
}
