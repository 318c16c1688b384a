// The message catalogues, one JSON file per area and language (messages/<locale>/<area>.json).
// Each area is a namespace: useTranslations('auth'), translator(locale, 'mail').
import type { Locale } from './locales';
import en_common from '@/messages/en/common.json';
import en_auth from '@/messages/en/auth.json';
import en_mail from '@/messages/en/mail.json';
import en_setup from '@/messages/en/setup.json';
import en_consent from '@/messages/en/consent.json';
import en_account from '@/messages/en/account.json';
import en_security from '@/messages/en/security.json';
import en_org from '@/messages/en/org.json';
import en_console from '@/messages/en/console.json';
import en_billing from '@/messages/en/billing.json';
import en_usage from '@/messages/en/usage.json';
import en_docs from '@/messages/en/docs.json';
import en_errors from '@/messages/en/errors.json';
import en_admin from '@/messages/en/admin.json';
import en_adminOrgs from '@/messages/en/adminOrgs.json';
import en_adminUsers from '@/messages/en/adminUsers.json';
import en_adminApps from '@/messages/en/adminApps.json';
import fr_common from '@/messages/fr/common.json';
import fr_auth from '@/messages/fr/auth.json';
import fr_mail from '@/messages/fr/mail.json';
import fr_setup from '@/messages/fr/setup.json';
import fr_consent from '@/messages/fr/consent.json';
import fr_account from '@/messages/fr/account.json';
import fr_security from '@/messages/fr/security.json';
import fr_org from '@/messages/fr/org.json';
import fr_console from '@/messages/fr/console.json';
import fr_billing from '@/messages/fr/billing.json';
import fr_usage from '@/messages/fr/usage.json';
import fr_docs from '@/messages/fr/docs.json';
import fr_errors from '@/messages/fr/errors.json';
import fr_admin from '@/messages/fr/admin.json';
import fr_adminOrgs from '@/messages/fr/adminOrgs.json';
import fr_adminUsers from '@/messages/fr/adminUsers.json';
import fr_adminApps from '@/messages/fr/adminApps.json';

const en = {
  common: en_common,
  auth: en_auth,
  mail: en_mail,
  setup: en_setup,
  consent: en_consent,
  account: en_account,
  security: en_security,
  org: en_org,
  console: en_console,
  billing: en_billing,
  usage: en_usage,
  docs: en_docs,
  errors: en_errors,
  admin: en_admin,
  adminOrgs: en_adminOrgs,
  adminUsers: en_adminUsers,
  adminApps: en_adminApps,
};

const fr = {
  common: fr_common,
  auth: fr_auth,
  mail: fr_mail,
  setup: fr_setup,
  consent: fr_consent,
  account: fr_account,
  security: fr_security,
  org: fr_org,
  console: fr_console,
  billing: fr_billing,
  usage: fr_usage,
  docs: fr_docs,
  errors: fr_errors,
  admin: fr_admin,
  adminOrgs: fr_adminOrgs,
  adminUsers: fr_adminUsers,
  adminApps: fr_adminApps,
};

export type Messages = typeof en;

const catalogues: Record<Locale, Messages> = { en, fr: fr as Messages };

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}
