import { afterAll, describe, expect, inject, it } from 'vitest';
import { createVerifiedAccount, newEmail, PASSWORD, signIn } from './harness/accounts';
import { cli } from './harness/cli';
import { connectToPortalDb } from './harness/db';
import { fieldError, FormClient, textOf } from './harness/form-client';
import { linkIn, waitForMail } from './harness/smtp-receiver';

const portalUrl = inject('portalUrl');
const mailDir = inject('mailDir');
const portalDb = inject('portalDb');
const sql = connectToPortalDb(portalDb);
afterAll(() => sql.end());

/** The sign-in page's language and heading, fetched with the given headers. */
async function signInPage(path: string, headers: Record<string, string> = {}): Promise<{ lang: string | undefined; heading: string }> {
  const client = new FormClient(portalUrl);
  const res = await client.request(path, { headers });
  expect(res.status).toBe(200);
  const html = await res.text();
  return { lang: /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1], heading: /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '' };
}

describe('the language of the sign-in page', () => {
  it('is English by default', async () => {
    expect(await signInPage('/login')).toEqual({ lang: 'en', heading: 'Sign in' });
  });

  it('follows Accept-Language', async () => {
    expect(await signInPage('/login', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' })).toEqual({ lang: 'fr', heading: 'Connexion' });
  });

  it('follows OIDC ui_locales over Accept-Language', async () => {
    expect(await signInPage('/login?ui_locales=fr', { 'accept-language': 'en' })).toEqual({ lang: 'fr', heading: 'Connexion' });
  });

  it('follows the chosen language (cookie) over Accept-Language', async () => {
    expect(await signInPage('/login', { cookie: 'locale=fr', 'accept-language': 'en' })).toEqual({ lang: 'fr', heading: 'Connexion' });
  });

  it('shows validation errors in French', async () => {
    const client = new FormClient(portalUrl);
    client.cookies.set('locale', 'fr');
    const page = await client.fill('/login', 'Se connecter', { email: 'not-an-address', password: '' });
    expect(fieldError(page, 'email')).toBe('Saisissez une adresse e-mail valide, comme nom@exemple.com.');
  });
});

describe('the console in French', () => {
  it('says the domain’s refusals and its form messages in French', async () => {
    const email = newEmail('i18n-console');
    const { org_id: orgId } = await cli<{ org_id: string }>(portalDb, 'user', 'create', '--email', email, '--password', PASSWORD);
    const browser = new FormClient(portalUrl);
    await signIn(browser, email);
    browser.cookies.set('locale', 'fr');
    const create = 'Créer le rôle et choisir ses permissions';
    const builtIn = await browser.fill(`/org/${orgId}/roles`, create, { name: 'owner', applicationId: 'organization', description: '' });
    expect(textOf(builtIn)).toContain('« owner » est le nom d’un rôle intégré. Choisissez un autre nom.');
    const tooLong = await browser.fill(`/org/${orgId}/roles`, create, { name: 'x'.repeat(65), applicationId: 'organization', description: '' });
    expect(fieldError(tooLong, 'name')).toBe('Utilisez au plus 64 caractères.');
  });
});

describe('mails in the person’s language', () => {
  it('sends the reset mail in the language the account remembers, whatever the page', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    await sql`update users set locale = 'fr' where email = ${email}`;
    const since = Date.now();
    await new FormClient(portalUrl).fill('/forgot-password', 'Send reset link', { email });
    const mail = await waitForMail(mailDir, email, /^Réinitialisez votre mot de passe$/, { since });
    expect(mail.text).toContain('Choisir un nouveau mot de passe');
    linkIn(mail, '/reset-password');
  });

  it('sends the reset mail in the page’s language when the account remembers none, and the page says "check your email"', async () => {
    const email = newEmail();
    await createVerifiedAccount(portalUrl, mailDir, { email });
    await sql`update users set locale = null where email = ${email}`;
    const client = new FormClient(portalUrl);
    client.cookies.set('locale', 'fr');
    const since = Date.now();
    const page = await client.fill('/forgot-password', 'Envoyer le lien', { email });
    expect(textOf(page)).toContain('Consultez vos e-mails');
    expect(page.doc.querySelector('input[name=email]')).toBeNull();
    const mail = await waitForMail(mailDir, email, /^Réinitialisez votre mot de passe$/, { since });
    expect(mail.html).toContain('Si le bouton ne fonctionne pas');
  });

  it('remembers the sign-up page’s language as the account’s, and verifies in it', async () => {
    const email = newEmail();
    const client = new FormClient(portalUrl);
    client.cookies.set('locale', 'fr');
    const since = Date.now();
    const page = await client.fill('/signup', 'Créer le compte', { name: '', email, password: 'Quiet-Meadow-Lantern-42' });
    expect(new URL(page.url).pathname).toBe('/verify-email');
    const mail = await waitForMail(mailDir, email, /^Vérifiez votre adresse e-mail$/, { since });
    linkIn(mail, '/verify-email');
    const [row] = await sql`select locale from users where email = ${email}`;
    expect(row!.locale).toBe('fr');
  });
});
