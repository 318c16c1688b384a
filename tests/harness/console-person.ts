import { newEmail, PASSWORD, signIn } from './accounts';
import { cli } from './cli';
import { FormClient } from './form-client';
import type { PortalDb } from './oidc';

export type ConsolePerson = { email: string; userId: string; orgId: string; browser: FormClient };

/**
 * A verified user made with the CLI (owner of a new organization, or `role` in `org`; a platform
 * administrator with `platformAdmin`), signed in through the form in a browser of their own.
 */
export async function consolePerson(
  portalUrl: string,
  portalDb: PortalDb,
  label: string,
  options: { org?: { id: string; role: 'owner' | 'admin' | 'user' }; platformAdmin?: boolean } = {},
): Promise<ConsolePerson> {
  const { org, platformAdmin } = options;
  const email = newEmail(label);
  const made = await cli<{ user_id: string; org_id: string }>(
    portalDb,
    'user', 'create', '--email', email, '--password', PASSWORD, '--name', label,
    ...(org ? ['--org', org.id, '--role', org.role] : []),
    ...(platformAdmin ? ['--platform-admin'] : []),
  );
  const browser = new FormClient(portalUrl);
  const landed = await signIn(browser, email);
  if (new URL(landed.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${landed.url}`);
  return { email, userId: made.user_id, orgId: org?.id ?? made.org_id, browser };
}
