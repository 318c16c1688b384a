// The part of the catalogues sent to the browser. Server components translate on the server; only
// client components ('use client') need messages in the page, and sending all of them added ~57 KB
// to every page. client-messages.test.ts fails when a client component uses a namespace not listed.
import type { Messages } from './messages';

export const CLIENT_NAMESPACES = [
  'auth',
  'common',
  'setup',
  'docs.search',
  'account.delete',
  'account.emailChange',
  'account.nav',
  'account.password',
  'account.profile',
  'account.reauth',
  'consent.consent',
  'console.notFound',
  'console.permissions',
  'console.roles',
  'console.settings',
  'console.sso',
  'org.invite',
  'security.passkeys',
  'security.recoveryCodes',
  'security.totpSetup',
  'usage.chart',
  'admin.settings',
  'admin.identityProviderForm',
  'adminOrgs.delete',
  'adminApps.application',
  'adminApps.clientForm',
  'adminApps.newClient',
  'adminApps.client',
  'adminApps.secret',
  'adminApps.rotate',
  'adminApps.catalogue',
] as const;

/**
 * What the root layout sends: the namespaces of client components outside the consoles (sign-in,
 * sign-up, consent, setup, docs). The account, organization and platform consoles add the rest
 * (components/console-messages.tsx). The sign-in page's payload was two thirds catalogue before.
 */
export const PAGE_NAMESPACES = ['auth', 'common', 'setup', 'docs.search', 'consent.consent', 'console.notFound'] as const;

type Tree = { [key: string]: unknown };

/** `messages` cut down to CLIENT_NAMESPACES, keeping their nesting. */
export function clientMessages(messages: Messages, namespaces: readonly string[] = CLIENT_NAMESPACES): Partial<Messages> {
  const picked: Tree = {};
  for (const path of namespaces) {
    const keys = path.split('.');
    let from: unknown = messages;
    let into = picked;
    keys.forEach((key, i) => {
      from = (from as Tree | undefined)?.[key];
      if (from === undefined) return;
      if (i === keys.length - 1) into[key] = from;
      else into = (into[key] ??= {}) as Tree;
    });
  }
  return picked as Partial<Messages>;
}
