import { Monitor } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Section } from '@/components/account/section';
import { DateTime } from '@/components/account/date-time';
import { describeUserAgent } from '@/components/account/user-agent';
import { ActionForm } from '@/components/org/action-form';
import { TextLink } from '@/components/text-link';
import type { AuditEntry } from '@/lib/audit/query';
import type { ConnectedApp } from '@/lib/oidc/connected-apps';
import type { UserSession } from '@/lib/platform/user-sessions';
import { endAllSessionsAction, endSessionAction, revokeGrantAction } from './actions';

export async function SessionsSection({ userId, sessions }: { userId: string; sessions: UserSession[] }) {
  const t = await getTranslations('adminUsers.sessions');
  return (
    <Section title={t('title')} id="sessions" description={t('description')}>
      {sessions.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <>
          <ul className="grid divide-y rounded-lg border" aria-label={t('title')}>
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-start sm:justify-between" data-testid="user-session">
                <div className="flex min-w-0 items-start gap-3 text-sm">
                  <Monitor className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="grid min-w-0 gap-0.5">
                    <p className="font-medium [overflow-wrap:anywhere]" title={s.userAgent ?? undefined}>
                      {s.userAgent ? describeUserAgent(s.userAgent) : t('unknownBrowser')}
                    </p>
                    <p className="break-all text-muted-foreground">{s.ip ?? t('unknownAddress')}</p>
                    <p className="text-muted-foreground">
                      {t('signedIn')} <DateTime value={s.createdAt} /> · {t('lastSeen')} <DateTime value={s.lastSeenAt} />
                    </p>
                  </div>
                </div>
                <ActionForm
                  action={endSessionAction}
                  hidden={{ userId, sessionId: s.id }}
                  label={t('end')}
                  confirmLabel={t('endConfirm')}
                  pendingLabel={t('ending')}
                  className="sm:max-w-72 sm:justify-items-end"
                />
              </li>
            ))}
          </ul>
          <ActionForm action={endAllSessionsAction} hidden={{ userId }} label={t('endAll')} confirmLabel={t('endAllConfirm')} pendingLabel={t('ending')} />
        </>
      )}
    </Section>
  );
}

export async function GrantsSection({ userId, grants }: { userId: string; grants: ConnectedApp[] }) {
  const t = await getTranslations('adminUsers.grants');
  return (
    <Section title={t('title')} id="grants" description={t('description')}>
      {grants.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ul className="grid divide-y rounded-lg border" aria-label={t('title')}>
          {grants.map((g) => (
            <li key={g.clientId} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-start sm:justify-between" data-testid="user-grant">
              <div className="grid min-w-0 gap-0.5 text-sm">
                <p className="font-medium [overflow-wrap:anywhere]">
                  {g.name}
                  {g.application && g.application !== g.name ? <span className="font-normal text-muted-foreground"> · {g.application}</span> : null}
                </p>
                <p className="font-mono text-xs break-all text-muted-foreground">{g.scopes.join(' ')}</p>
                <p className="text-muted-foreground">
                  {g.firstParty ? `${t('firstParty')} · ` : ''}
                  {t('since')} <DateTime value={g.createdAt} />
                </p>
              </div>
              <ActionForm
                action={revokeGrantAction}
                hidden={{ userId, clientId: g.clientId, name: g.name }}
                label={t('revoke')}
                confirmLabel={t('revokeConfirm')}
                pendingLabel={t('revoking')}
                className="sm:max-w-72 sm:justify-items-end"
              />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export async function AuditSection({ email, entries }: { email: string; entries: AuditEntry[] }) {
  const t = await getTranslations('adminUsers.audit');
  // No actor: the user themself or the portal acted (a sign-in); only an administrator's hand is named.
  const who = (e: AuditEntry) => {
    if (!e.actor) return null;
    if (e.actor.kind === 'user') return e.actor.email ?? e.actor.id ?? '—';
    if (e.actor.kind === 'client') return t('byClient', { id: e.actor.id ?? '' });
    return t('byOperator');
  };
  return (
    <Section title={t('title')} id="audit">
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ol className="divide-y rounded-lg border text-sm" aria-label={t('title')} data-testid="user-audit">
          {entries.map((e) => (
            <li key={e.id} className="grid min-w-0 gap-1 px-3 py-2 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
              <span className="text-muted-foreground">
                <DateTime value={e.time} />
              </span>
              <span className="grid min-w-0 gap-0.5">
                <span className="font-mono text-xs font-medium break-all">{e.action}</span>
                <span className="min-w-0 text-xs [overflow-wrap:anywhere] text-muted-foreground">
                  {[e.actor && t('by', { who: who(e) ?? '—' }), e.ip && t('from', { ip: e.ip })].filter(Boolean).join(' · ')}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
      <p>
        <TextLink href={`/admin/audit?user=${encodeURIComponent(email)}`}>{t('all')}</TextLink>
      </p>
    </Section>
  );
}
