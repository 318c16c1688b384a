import { z } from 'zod';
import { config } from '@/lib/config';
import { requirePlatformActor } from '@/lib/platform/actors';
import { keysDueForRotation, latestAuditEvents, platformCounts, serviceStatus, signInActivity } from '@/lib/platform/overview';
import { runningConfiguration, sendTestMail } from '@/lib/platform/settings';
import { rotateSigningKeysAs, signingKeysWithState } from '@/lib/platform/signing-keys';
import { defineRoute } from '../route';
import { timestamp } from '../schemas';

const signingKeySchema = z
  .object({
    kid: z.string(),
    alg: z.enum(['RS256', 'ES256', 'EdDSA']),
    state: z.string().meta({ description: 'published (in JWKS, not signing yet), active (signing), retired (verifying only) or unpublished.' }),
    createdAt: timestamp,
    activatesAt: timestamp,
    retiredAt: timestamp.nullable(),
    unpublishAt: timestamp.nullable(),
  })
  .meta({ id: 'SigningKey' });

const settingSchema = z
  .object({
    name: z.string(),
    secret: z.boolean().meta({ description: 'A secret shows only whether it is set, never its value.' }),
    set: z.boolean(),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    generated: z.boolean().optional(),
  })
  .meta({ id: 'Setting' });

const counts = z.object({ succeeded: z.number().int(), failed: z.number().int() });

/** The platform console's overview, keys and settings pages, for API callers. */
export const platformRoutes = [
  defineRoute({
    method: 'GET',
    path: '/overview',
    operationId: 'getPlatformOverview',
    tag: 'Platform',
    summary: 'Counts, sign-in activity, keys due for rotation, services and the latest audit events',
    description: 'Platform actors only. What the platform console\u2019s overview shows.',
    response: z.object({
      counts: z.object({ users: z.number().int(), organizations: z.number().int(), applications: z.number().int(), activeSessions: z.number().int() }),
      signIns: z.object({ last24h: counts, days: z.array(counts.extend({ day: timestamp })) }),
      keysDueForRotation: z.array(z.object({ kid: z.string(), alg: z.string(), activatesAt: timestamp })),
      services: z.object({
        stripe: z.object({ mode: z.enum(['test', 'live']), webhookSecret: z.boolean() }).nullable(),
        mail: z.union([z.object({ kind: z.literal('smtp'), server: z.string() }), z.object({ kind: z.literal('outbox') })]),
      }),
      latestAuditEvents: z.array(z.object({ id: z.string(), at: timestamp, event: z.string(), subjectEmail: z.string().nullable(), actorEmail: z.string().nullable(), ip: z.string().nullable() })),
    }),
    errors: [403],
    handler: async ({ actor }) => {
      requirePlatformActor(actor);
      const [c, signIns, due, latest] = await Promise.all([platformCounts(), signInActivity(), keysDueForRotation(), latestAuditEvents()]);
      return { counts: c, signIns, keysDueForRotation: due, services: serviceStatus(), latestAuditEvents: latest };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/signing-keys',
    operationId: 'listSigningKeys',
    tag: 'Platform',
    summary: 'List the signing keys with their state',
    description: 'Platform actors only. Oldest first. Private parts are never shown.',
    response: z.object({ items: z.array(signingKeySchema) }),
    errors: [403],
    handler: async ({ actor }) => {
      requirePlatformActor(actor);
      return { items: await signingKeysWithState() };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/signing-keys/rotate',
    operationId: 'rotateSigningKeys',
    tag: 'Platform',
    summary: 'Rotate the signing keys',
    description:
      'Platform actors only. A new key per algorithm, published now and signing once JWKS caches have expired; the current keys retire then. Audited with the acting administrator.',
    response: z.object({ items: z.array(z.object({ kid: z.string(), alg: z.string(), activatesAt: timestamp })) }),
    status: 201,
    errors: [403],
    recentAuth: true,
    handler: async ({ actor, meta }) => ({ items: await rotateSigningKeysAs(actor, meta) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/settings',
    operationId: 'getRunningConfiguration',
    tag: 'Platform',
    summary: 'The running configuration',
    description: 'Platform actors only. Every setting and whether it is set; secrets never show a value, URLs lose their password and query.',
    response: z.object({ items: z.array(settingSchema) }),
    errors: [403],
    handler: async ({ actor }) => {
      requirePlatformActor(actor);
      return { items: runningConfiguration(config(), process.env) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/settings/test-mail',
    operationId: 'sendTestMail',
    tag: 'Platform',
    summary: 'Send a test mail',
    description: 'Platform actors only. Sent now through the portal\u2019s mail transport (not queued), so the answer says how it went. Audited.',
    body: z.strictObject({ to: z.email().max(254) }),
    response: z.union([
      z.object({ ok: z.literal(true), via: z.enum(['smtp', 'outbox']) }),
      z.object({ ok: z.literal(false), reason: z.enum(['unreachable', 'auth', 'rejected', 'other']), detail: z.string() }),
    ]),
    errors: [403, 422],
    handler: async ({ actor, body, meta }) => sendTestMail(actor, { to: body.to.toLowerCase(), locale: 'en', adminEmail: body.to.toLowerCase(), meta }, config()),
  }),
];
