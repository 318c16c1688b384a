import { getTranslations } from 'next-intl/server';
import type { ConsentDetails } from '@/lib/oidc/consent-details';

/** The application's logo when it has one on record; else the first letter of the name stands in for one. */
export async function ApplicationBadge({ name, host, logoUrl }: { name: string; host: string; logoUrl: string | null }) {
  const t = await getTranslations('consent.consent');
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  return (
    <div className="flex min-w-0 items-center gap-3">
      {logoUrl ? (
        // A plain img: the logo lives on the application's host; there is nothing for next/image to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={logoUrl}
          alt={name}
          width={40}
          height={40}
          referrerPolicy="no-referrer"
          className="size-10 shrink-0 rounded-lg object-contain"
          data-testid="consent-logo"
        />
      ) : (
        <span
          role="img"
          aria-label={t('logoAlt', { app: name })}
          className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-primary text-lg font-semibold text-primary-foreground"
        >
          {initial}
        </span>
      )}
      <div className="min-w-0 text-sm">
        <p className="truncate font-medium" title={name}>
          {name}
        </p>
        <p className="truncate text-muted-foreground" title={host}>
          {host}
        </p>
      </div>
    </div>
  );
}

const SYSTEM_ROLES = ['owner', 'admin', 'user'] as const;

/** What the tokens carry besides the scopes: the organization, the roles and permissions there, the plan's features. */
export async function ClaimsList({ details }: { details: ConsentDetails }) {
  const [t, common] = await Promise.all([getTranslations('consent.consent'), getTranslations('common.roles')]);
  if (!details.organization) return <p className="text-sm text-muted-foreground">{t('noOrganization')}</p>;
  const roleName = (role: string) => ((SYSTEM_ROLES as readonly string[]).includes(role) ? common(role as (typeof SYSTEM_ROLES)[number]) : role);
  const features = Object.entries(details.features)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) =>
    value === true ? name : value === false ? t('featureOff', { name }) : t('featureValue', { name, value: String(value) }),
  );
  const none = <span className="text-muted-foreground">{t('none')}</span>;
  const chips = (items: string[], mono = false) =>
    items.length === 0 ? (
      none
    ) : (
      <ul className="flex min-w-0 flex-wrap gap-1.5">
        {items.map((item) => (
          <li key={item} className={`max-w-full rounded-md border bg-muted px-1.5 py-0.5 text-xs break-all ${mono ? 'font-mono' : ''}`}>
            {item}
          </li>
        ))}
      </ul>
    );
  return (
    <section className="grid gap-2" aria-labelledby="consent-claims" data-testid="consent-claims">
      <h2 id="consent-claims" className="text-sm font-medium">
        {t('alsoReceives', { app: details.clientName })}
      </h2>
      <dl className="grid gap-2 rounded-lg border p-3 text-sm">
        <div className="grid min-w-0 gap-1">
          <dt className="text-muted-foreground">{t('organization')}</dt>
          <dd className="min-w-0 font-medium break-words" data-testid="consent-organization">
            {details.organization.name}
          </dd>
        </div>
        <div className="grid min-w-0 gap-1">
          <dt className="text-muted-foreground">{t('roles')}</dt>
          <dd data-testid="consent-roles">{chips(details.roles.map(roleName))}</dd>
        </div>
        <div className="grid min-w-0 gap-1">
          <dt className="text-muted-foreground">{t('permissions')}</dt>
          <dd data-testid="consent-permissions">{chips(details.permissions, true)}</dd>
        </div>
        <div className="grid min-w-0 gap-1">
          <dt className="text-muted-foreground">{t('features')}</dt>
          <dd data-testid="consent-features">{chips(features, true)}</dd>
        </div>
      </dl>
    </section>
  );
}
