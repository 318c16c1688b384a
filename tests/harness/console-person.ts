import { newEmail, PASSWORD, signIn } from './accounts';
import { cli } from './cli';
import { FormClient } from './form-client';
import type { PortalDb } from './oidc';

export type ConsolePerson = { email: string; userId: string; orgId: string; browser: FormClient };

/** A verified user made with the CLI (owner of a new organization, or `role` in `org`), signed in through the form. */
export async function consolePerson(
  portalUrl: string,
  portalDb: PortalDb,
  label: string,
  org?: { id: string; role: 'owner' | 'admin' | 'user' },
): Promise<ConsolePerson> {
  const email = newEmail(label);
  const made = await cli<{ user_id: string; org_id: string }>(
    portalDb,
    'user', 'create', '--email', email, '--password', PASSWORD, '--name', label,
    ...(org ? ['--org', org.id, '--role', org.role] : []),
  );
  const browser = new FormClient(portalUrl);
  const landed = await signIn(browser, email);
  if (new URL(landed.url).pathname !== '/account') throw new Error(`Sign-in of ${email} ended on ${landed.url}`);
  return { email, userId: made.user_id, orgId: org?.id ?? made.org_id, browser };
}
