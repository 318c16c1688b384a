// The platform's registry of upstream identity providers (issue #16): which ones people may sign in
// with, and the OAuth client the portal holds at each. Platform actors only; the client secret is
// sealed at rest and never shown again. Sign-in through them is wired from this table elsewhere.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { IDENTITY_PROVIDER_TYPES, identityProviders, type IdentityProviderType } from '@/db/schema';
import { recordAudit } from '@/lib/audit/log';
import type { ClientMeta } from '@/lib/auth/sessions';
import { config } from '@/lib/config';
import type { Actor } from '@/lib/domain/actor';
import { conflict, notFound, unprocessable } from '@/lib/domain/errors';
import { sealSecret } from '@/lib/oidc/secret-box';
import { requirePlatformActor } from '@/lib/platform/actors';
import { webUrl } from '@/lib/platform/applications';

/** The purpose the client secrets are sealed under (one derived key per purpose). */
export const IDENTITY_PROVIDER_SECRET_PURPOSE = 'identity-provider';

const DEFAULT_NAMES: Record<Exclude<IdentityProviderType, 'oidc'>, string> = {
  google: 'Google',
  github: 'GitHub',
  microsoft: 'Microsoft',
  apple: 'Apple',
};

/** A name or id shown on pages and in logs: printable characters only. */
const printable = (message: string) => z.string().trim().regex(/^[^\u0000-\u001f\u007f]*$/, message);

/** OpenID Connect Discovery §3: the issuer is an https URL without query or fragment (http on loopback for development). */
export const issuerUrl = webUrl.refine((value) => !value.includes('?') && !value.includes('#'), 'The issuer has no query or fragment.');

/**
 * A new upstream provider:
 * - issuer required for `oidc` (discovery starts there), optional for `microsoft` (a tenant's
 *   issuer instead of the multi-tenant one), refused for the others, whose endpoints are fixed;
 * - name defaults to the provider's own for the well-known types, required for `oidc`.
 */
export const identityProviderCreateSchema = z
  .strictObject({
    type: z.enum(IDENTITY_PROVIDER_TYPES, { error: `Use one of ${IDENTITY_PROVIDER_TYPES.join(', ')}.` }).meta({ example: 'oidc' }),
    clientId: printable('The client id cannot contain control characters.').min(1, 'Enter the client id the provider gave you.').max(255).meta({ example: 'portal-client' }),
    clientSecret: z
      .string()
      .min(1, 'Enter the client secret the provider gave you.')
      .max(1024)
      .meta({ description: 'Stored encrypted; never shown again.', example: 'the-secret-the-provider-gave-you' }),
    issuer: issuerUrl.optional().meta({
      description: 'The OpenID issuer: required for oidc, a tenant\u2019s issuer for microsoft, refused for the others. https (http only on localhost).',
      example: 'https://login.example.com',
    }),
    name: printable('The name cannot contain control characters.')
      .min(1, 'Enter a name.')
      .max(100)
      .optional()
      .meta({ description: 'What the sign-in button says; unique. Defaults to Google, GitHub, Microsoft or Apple; required for oidc.', example: 'Example SSO' }),
  })
  .superRefine((input, ctx) => {
    if (input.type === 'oidc') {
      if (input.issuer === undefined) ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'An OpenID Connect provider needs its issuer.' });
      if (input.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Name the OpenID Connect provider.' });
    } else if (input.type !== 'microsoft' && input.issuer !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: `A ${DEFAULT_NAMES[input.type]} provider takes no issuer.` });
    }
  });

export type IdentityProviderCreate = z.output<typeof identityProviderCreateSchema>;

/** What anyone is shown of a provider: never its secret. */
export type IdentityProvider = {
  id: string;
  type: IdentityProviderType;
  name: string;
  issuer: string | null;
  clientId: string;
  createdAt: Date;
  /** Where the provider sends people back: registered at the provider as the OAuth redirect URI. */
  redirectUri: string;
};

/** Auth.js v5's default callback path, with the provider's id as its Auth.js provider id. */
export function identityProviderRedirectUri(id: string): string {
  return `${new URL(config().publicUrl).origin}/api/auth/callback/${id}`;
}

type Row = typeof identityProviders.$inferSelect;

function shown(row: Row): IdentityProvider {
  const { id, type, name, issuer, clientId, createdAt } = row;
  return { id, type, name, issuer, clientId, createdAt, redirectUri: identityProviderRedirectUri(id) };
}

export async function addIdentityProvider(actor: Actor, input: IdentityProviderCreate, meta?: ClientMeta): Promise<IdentityProvider> {
  requirePlatformActor(actor);
  const name = input.name ?? (input.type === 'oidc' ? undefined : DEFAULT_NAMES[input.type]);
  // The schema asks for it already; this is for callers that skipped the schema.
  if (name === undefined) throw unprocessable('Name the OpenID Connect provider.');
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(identityProviders)
        .values({
          type: input.type,
          name,
          clientId: input.clientId,
          clientSecretSealed: sealSecret(input.clientSecret, config().authSecret, IDENTITY_PROVIDER_SECRET_PURPOSE),
          issuer: input.issuer ?? null,
        })
        .returning();
      const detail = { identity_provider_id: row!.id, type: row!.type, name, client_id: row!.clientId, issuer: row!.issuer };
      await recordAudit('platform.identity_provider_added', { actor, meta, detail }, tx);
      return shown(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`An identity provider named "${name}" already exists.`);
    throw error;
  }
}

/** Every platform provider, oldest first (the order of the sign-in buttons); organizations' own IdPs are theirs. */
export async function listIdentityProviders(actor: Actor): Promise<IdentityProvider[]> {
  requirePlatformActor(actor);
  const rows = await db().select().from(identityProviders).where(isNull(identityProviders.orgId)).orderBy(asc(identityProviders.id));
  return rows.map(shown);
}

/** Removes a provider; people stop being able to sign in with it. */
export async function removeIdentityProvider(actor: Actor, id: string, meta?: ClientMeta): Promise<void> {
  requirePlatformActor(actor);
  await db().transaction(async (tx) => {
    // An organization's own IdP is removed from its console, not here.
    const [row] = await tx.delete(identityProviders).where(and(eq(identityProviders.id, id), isNull(identityProviders.orgId))).returning();
    if (!row) throw notFound('Identity provider');
    const detail = { identity_provider_id: row.id, type: row.type, name: row.name };
    await recordAudit('platform.identity_provider_removed', { actor, meta, detail }, tx);
  });
}
