import { sql, type SQL } from 'drizzle-orm';
import { connectForTool, db } from '@/db';
import { migrateDatabase } from '@/db/migrate';
import { purgeExpired } from '@/lib/maintenance';
import { UsageError, type Command, type Output } from './cli-support';
import { auditList } from './commands/audit';
import { idpAdd, idpConfirmDomain, idpDomains, idpList, idpRemove } from './commands/idp';
import { appCreate, appUpdate, clientCreate, clientDelete, clientDisable, clientEnable, clientList, clientRotateSecret, keysList, keysRotate } from './commands/oauth';
import { mailList, userCreate, userReset2fa } from './commands/users';
import { userAdmin, userDisable, userEnable, userRevokeSessions, userSessions } from './commands/user-admin';
import { invite, memberAdd, orgCreate, roleCreate } from './commands/orgs';
import { billingSync, planArchive, planCreate, planList, planUpdate, subscriptionSet, subscriptionShow } from './commands/billing';

const USAGE = `Usage: npm run -s cli -- <command> [options]

Commands:
  migrate                                  apply database migrations
  purge                                    drop expired sessions, links, protocol state, day-old outbox mails and month-old Stripe event ids now (the server does it hourly)
  user create --email E --password P [--name N] [--org ORG_ID --role owner|admin|user] [--platform-admin]
  user reset-2fa --email E                 remove a user's authenticator app and recovery codes (audited)
  user disable --email E [--reason R]      sign a user out everywhere (sessions and applications) and refuse their sign-ins
  user enable --email E                    let a disabled user sign in again
  user sessions --email E                  a user's live portal sessions
  user revoke-sessions --email E           end every portal session of a user
  user admin grant|revoke --email E        make or stop a user being a platform administrator (never the last one)
  mail list [--to E]                       the dev outbox (mails of the last 24 hours, kept when SMTP_URL is unset)
  app create --name N [--key KEY]          an application (a product with its own clients)
  app update APP [--name N] [--resource URI]... [--no-resources]
                                           APP: key or id. --resource replaces the resource servers (RFC 8707)
                                           its clients may ask tokens for, e.g. https://billing.example.com/api
  client create --name N --app APP --type confidential|public --redirect-uri U [--redirect-uri U2]
                [--post-logout-redirect-uri U] [--grant authorization_code,refresh_token,client_credentials]
                [--scope "openid profile email offline_access ..."] [--first-party]
                [--id-token-alg RS256|ES256|EdDSA] [--auth-method client_secret_basic|client_secret_post|private_key_jwt|none]
                [--jwks '{"keys":[...]}'] [--access-token-ttl S] [--refresh-idle-ttl S] [--refresh-absolute-ttl S]
                [--admin-org ORG_ID]           with --scope admin:read/admin:write: administer only this organization
  client list
  client rotate-secret CLIENT_ID [--grace-seconds N]
  client disable CLIENT_ID                 refused everywhere as an unknown client; its grants end now
  client enable CLIENT_ID                  accepted again (its ended grants stay ended)
  client delete CLIENT_ID                  with its grants, refresh tokens and consents
  keys list
  keys rotate                              publish new signing keys; they sign after JWKS caches expire
  org create --name N --owner-email E      an organization owned by an existing user
  role create --org O --app APP --name N [--permission P]...   an application role (APP: key or id)
  member add --org O --email E --role owner|admin|user [--app-role R]...   an existing user joins
  invite --org O --email E --role owner|admin|user [--app-role R]...       mails an invitation link
  plan create --app APP --key K --name N [--description D] [--features JSON] [--default]
              [--price AMOUNT:CURRENCY:INTERVAL[:METER:STRIPE_EVENT]]... [--stripe-price-id ID]...
              [--quota METER:LIMIT:PERIOD:hard|soft]...
                                           a plan; AMOUNT in minor units (1900:usd:month), INTERVAL month|year|one_time;
                                           METER:STRIPE_EVENT makes a metered price (AMOUNT per unit of the meter, sent
                                           to that Stripe billing meter event); --stripe-price-id links the prices, in
                                           order, to existing Stripe prices; --quota limits a meter, e.g.
                                           api_calls:10000:month:hard (PERIOD day|month|billing_period|lifetime; hard:
                                           refused past the limit, soft: recorded and flagged); tokens carry each
                                           limit as the feature quota.METER
  plan list --app APP [--archived]
  plan update APP/KEY [--name N] [--description D] [--features JSON] [--default] [--price A:C:I[:M:E]]...
              [--quota METER:LIMIT:PERIOD:hard|soft]... [--no-quotas]
                                           --price adds prices; --quota replaces the quotas, --no-quotas removes them
  plan archive APP/KEY                     offered to nobody new; organizations on it keep it
  subscription set --org ORG --app APP --plan KEY [--until ISO]   assign a plan by hand (an enterprise deal)
  subscription show --org ORG
  audit list [--user E] [--actor A] [--action A] [--since ISO] [--until ISO] [--org ID] [--ip IP] [--limit N]
                                           the audit log, newest first (default 50, at most 100); --user: the subject
                                           (email or id); --actor: who acted (email, user or client id, operator);
                                           --action: an event name or a prefix ending in . or * (platform.)
  idp add --type google|github|microsoft|apple|oidc --client-id ID --client-secret S [--issuer URL] [--name N]
                                           register an upstream identity provider people will sign in with; prints the
                                           redirect URI to register at the provider. --issuer: required for oidc, a
                                           tenant's issuer for microsoft (https; http only on localhost); --name: what
                                           the sign-in button says (default Google, GitHub, Microsoft, Apple; required for oidc)
  idp list                                 the registered identity providers (never their secrets)
  idp remove ID                            people can no longer sign in with it
  idp domains                              email domains organizations claim for single sign-on
  idp confirm-domain DOMAIN                confirm an organization owns DOMAIN (no DNS check; audited)
  billing sync                             create the plans' products and prices in Stripe where missing (needs STRIPE_SECRET_KEY);
                                           running it again creates nothing new

Every command accepts --json for machine-readable output.`;

async function migrate(): Promise<Output> {
  await migrateDatabase();
  return { json: { migrated: true }, text: 'Database is up to date.' };
}

async function purge(): Promise<Output> {
  await purgeExpired();
  return { json: { purged: true }, text: 'Expired sessions, links, protocol state, day-old outbox mails and month-old Stripe event ids removed.' };
}

const commands: Record<string, Command> = {
  migrate,
  purge,
  'user create': userCreate,
  'user reset-2fa': userReset2fa,
  'user disable': userDisable,
  'user enable': userEnable,
  'user sessions': userSessions,
  'user revoke-sessions': userRevokeSessions,
  'user admin': userAdmin,
  'mail list': mailList,
  'app create': appCreate,
  'app update': appUpdate,
  'client create': clientCreate,
  'client list': clientList,
  'client rotate-secret': clientRotateSecret,
  'client disable': clientDisable,
  'client enable': clientEnable,
  'client delete': clientDelete,
  'keys list': keysList,
  'keys rotate': keysRotate,
  'org create': orgCreate,
  'role create': roleCreate,
  'member add': memberAdd,
  invite,
  'plan create': planCreate,
  'plan list': planList,
  'plan update': planUpdate,
  'plan archive': planArchive,
  'subscription set': subscriptionSet,
  'subscription show': subscriptionShow,
  'billing sync': billingSync,
  'audit list': auditList,
  'idp add': idpAdd,
  'idp list': idpList,
  'idp remove': idpRemove,
  'idp domains': idpDomains,
  'idp confirm-domain': idpConfirmDomain,
};

/** Runs one command line (without the program name) on the database the environment names. */
export async function runCommand(argv: string[]): Promise<Output> {
  const [command, sub] = argv;
  if (!command || command === 'help' || command === '--help') return { json: { usage: USAGE }, text: USAGE };
  const [handler, args] = commands[command] ? [commands[command], argv.slice(1)] : [commands[`${command} ${sub}`], argv.slice(2)];
  if (!handler) throw new UsageError(`Unknown command: ${[command, sub].filter(Boolean).join(' ')}\n${USAGE}`);
  await connectForTool();
  if (handler !== migrate && !(await hasBeenMigrated())) await migrateDatabase();
  return handler(args);
}

/**
 * Whether the database has its tables. A fresh one (the CLI run before the first `npm start`) is
 * migrated first, as the start does; one behind this version gets a hint from describeFailure.
 * Applied migrations, not drizzle's table: the migrator creates that table before the transaction
 * that creates the others commits, so a portal may be migrating right now; migrateDatabase then
 * waits for it (db/advisory-lock.ts) and finds nothing left to do.
 */
async function hasBeenMigrated(): Promise<boolean> {
  const ask = async (query: SQL) => {
    const result = await db().execute<{ yes: boolean }>(query);
    // postgres.js answers rows, PGlite an object holding them.
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: { yes: boolean }[] }).rows;
    return rows[0]?.yes === true;
  };
  if (!(await ask(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as yes`))) return false;
  return ask(sql`select exists (select 1 from drizzle.__drizzle_migrations) as yes`);
}

/** What the command prints on stdout: its JSON with --json, else its text. */
export function printable(argv: string[], out: Output): string {
  return argv.includes('--json') ? JSON.stringify(out.json) : out.text;
}
