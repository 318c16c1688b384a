import type { Locale } from '@/lib/i18n/locales';
import type { SystemRole } from '@/lib/rbac/catalogue';
import { translator } from '@/lib/i18n/translator';
import { linkMail, paragraphsMail } from './layout';
import type { Mail } from './transport';

type LinkMailKind = 'verification' | 'passwordReset' | 'emailChange';

function oneLinkMail(kind: LinkMailKind, locale: Locale, to: string, url: string): Mail {
  const t = translator(locale, 'mail');
  const parts = { subject: t(`${kind}.subject`), intro: t(`${kind}.intro`), action: t(`${kind}.action`), outro: t(`${kind}.outro`) };
  return linkMail(locale, to, parts, url);
}

export function verificationMail(locale: Locale, to: string, url: string): Mail {
  return oneLinkMail('verification', locale, to, url);
}

export function passwordResetMail(locale: Locale, to: string, url: string): Mail {
  return oneLinkMail('passwordReset', locale, to, url);
}

export function emailChangeMail(locale: Locale, to: string, url: string): Mail {
  return oneLinkMail('emailChange', locale, to, url);
}

export function emailChangedNotice(locale: Locale, oldAddress: string, newAddress: string): Mail {
  const t = translator(locale, 'mail');
  return paragraphsMail(oldAddress, t('emailChanged.subject'), [t('emailChanged.what', { oldAddress, newAddress }), t('emailChanged.advice')]);
}

export function invitationMail(
  locale: Locale,
  to: string,
  invite: { organizationName: string | null; invitedBy: string | null; role: SystemRole },
  url: string,
): Mail {
  const t = translator(locale, 'mail');
  const organization = invite.organizationName ?? t('invitation.someOrganization');
  const role = translator(locale, 'common')(`roles.${invite.role}`);
  return linkMail(
    locale,
    to,
    {
      subject: t('invitation.subject', { organization }),
      intro: invite.invitedBy
        ? t('invitation.introBy', { inviter: invite.invitedBy, organization, role })
        : t('invitation.intro', { organization, role }),
      action: t('invitation.action'),
      outro: t('invitation.outro'),
    },
    url,
  );
}

/** The platform console's "Send a test mail" (lib/platform/settings.ts). */
export function testMail(locale: Locale, to: string, portalUrl: string, admin: string): Mail {
  const t = translator(locale, 'mail');
  return paragraphsMail(to, t('test.subject'), [t('test.what', { url: portalUrl, admin }), t('test.outcome')]);
}
