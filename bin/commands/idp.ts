import { parseArgs } from 'node:util';
import { OPERATOR } from '@/lib/domain/actor';
import { confirmSsoDomain, listSsoDomains } from '@/lib/federation/org-sso';
import { addIdentityProvider, identityProviderCreateSchema, listIdentityProviders, removeIdentityProvider } from '@/lib/federation/providers';
import { parse, UsageError, type Output } from '../cli-support';

const OPTION_OF: Record<string, string> = { clientId: 'client-id', clientSecret: 'client-secret' };

/**
 * `idp add --type google|github|microsoft|apple|oidc --client-id ID --client-secret S [--issuer URL] [--name N]`:
 * registers an upstream identity provider; prints the redirect URI to register at the provider.
 */
export async function idpAdd(args: string[]): Promise<Output> {
  const { values } = parseArgs({
    args,
    options: {
      type: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      issuer: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const input = parse(
    identityProviderCreateSchema,
    { type: values.type, clientId: values['client-id'], clientSecret: values['client-secret'], issuer: values.issuer, name: values.name },
    (field) => OPTION_OF[field] ?? field,
  );
  const idp = await addIdentityProvider(OPERATOR, input);
  return {
    json: { idp_id: idp.id, redirect_uri: idp.redirectUri, type: idp.type, name: idp.name },
    text: `Added identity provider ${idp.name} (${idp.type}, ${idp.id}).\nRegister this redirect URI at the provider: ${idp.redirectUri}`,
  };
}

/** `idp list`: every registered provider, oldest first; never a secret. */
export async function idpList(args: string[]): Promise<Output> {
  parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const rows = await listIdentityProviders(OPERATOR);
  const json = rows.map((p) => ({
    idp_id: p.id,
    type: p.type,
    name: p.name,
    client_id: p.clientId,
    issuer: p.issuer,
    redirect_uri: p.redirectUri,
    created_at: p.createdAt.toISOString(),
  }));
  const text = rows.length
    ? rows.map((p) => [p.id, p.type.padEnd(9), p.name.padEnd(20), p.issuer ?? '-'].join('  ')).join('\n')
    : 'No identity providers yet.';
  return { json, text };
}

/** `idp remove ID`: people can no longer sign in with it (audited). */
export async function idpRemove(args: string[]): Promise<Output> {
  const { positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [id, extra] = positionals;
  if (!id || extra !== undefined) throw new UsageError('Usage: idp remove ID');
  await removeIdentityProvider(OPERATOR, id);
  return { json: { idp_id: id, removed: true }, text: `Removed identity provider ${id}.` };
}

/** `idp domains`: the email domains organizations claim for single sign-on, waiting ones first. */
export async function idpDomains(args: string[]): Promise<Output> {
  parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const rows = await listSsoDomains(OPERATOR);
  const json = rows.map((d) => ({ domain: d.domain, org_id: d.orgId, confirmed_at: d.confirmedAt?.toISOString() ?? null }));
  const text = rows.length
    ? rows.map((d) => [d.domain.padEnd(30), d.orgId, d.confirmedAt ? 'confirmed' : 'waiting'].join('  ')).join('\n')
    : 'No domain is claimed.';
  return { json, text };
}

/** `idp confirm-domain DOMAIN`: vouches that the claiming organization owns it (audited). */
export async function idpConfirmDomain(args: string[]): Promise<Output> {
  const { positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [domain, extra] = positionals;
  if (!domain || extra !== undefined) throw new UsageError('Usage: idp confirm-domain DOMAIN');
  const claim = await confirmSsoDomain(OPERATOR, domain);
  return { json: { domain: claim.domain, org_id: claim.orgId, confirmed: true }, text: `Confirmed ${claim.domain} for organization ${claim.orgId}.` };
}
