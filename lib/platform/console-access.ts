// Who enters the platform console (/admin), checked once here for its layout, every page and every
// server action (a layout alone is not re-run on client navigation, and actions are posted directly):
// - signed out: to the sign-in page and back, as for /org;
// - not a platform administrator: 404, as another organization's ids are in the organization console;
// - a platform administrator who must use a second factor (ADMIN_REQUIRE_MFA, or an organization of
//   theirs requires it) and whose session did not: the second-factor page, never the console.
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { currentUser, type CurrentUser } from '@/lib/auth/current-user';
import type { MfaRequirement } from '@/lib/auth/mfa-requirement';
import { currentSession } from '@/lib/auth/request-context';
import { userActor, type Actor } from '@/lib/domain/actor';
import { platformMfaRequirement } from './console-mfa';

export const CONSOLE_HOME = '/admin';
/** Where a platform administrator without the second factor the console asks for is told so. */
export const SECOND_FACTOR_PAGE = '/admin/second-factor';

export type PlatformConsoleActor = { user: CurrentUser; actor: Extract<Actor, { kind: 'user' }> };

export type PlatformConsoleAccess =
  | ({ granted: true } & PlatformConsoleActor)
  | { granted: false; user: CurrentUser; requirement: Exclude<MfaRequirement, 'met'> };

/** The signed-in platform administrator and whether they may see the console, once per request. */
export const platformConsoleAccess = cache(async (returnPath: string = CONSOLE_HOME): Promise<PlatformConsoleAccess> => {
  const user = await currentUser();
  const session = await currentSession();
  if (!user || !session) redirect(`/login?callbackUrl=${encodeURIComponent(returnPath)}`);
  const actor = await userActor(user.id);
  if (actor.kind !== 'user' || !actor.platformAdmin) notFound();
  const requirement = await platformMfaRequirement(session);
  if (requirement !== 'met') return { granted: false, user, requirement };
  return { granted: true, user, actor };
});

/**
 * For the console's layout, pages and server actions: the acting platform administrator, or
 * sign-in / 404 / the second-factor page as above. Actions call it before reading their form.
 */
export async function requirePlatformConsole(returnPath: string = CONSOLE_HOME): Promise<PlatformConsoleActor> {
  const access = await platformConsoleAccess(returnPath);
  if (!access.granted) redirect(SECOND_FACTOR_PAGE);
  return { user: access.user, actor: access.actor };
}

/**
 * The same rule for route handlers (downloads), which answer rather than redirect: the acting
 * platform administrator, or null for everyone else (signed out, not an administrator, or without
 * the second factor the console asks for), whom the handler answers 404.
 */
export async function platformConsoleActorOrNull(): Promise<PlatformConsoleActor | null> {
  const user = await currentUser();
  const session = await currentSession();
  if (!user || !session) return null;
  const actor = await userActor(user.id);
  if (actor.kind !== 'user' || !actor.platformAdmin) return null;
  if ((await platformMfaRequirement(session)) !== 'met') return null;
  return { user, actor };
}
