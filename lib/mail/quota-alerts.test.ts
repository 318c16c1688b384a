import { describe, expect, it } from 'vitest';
import { quotaAlertMail, type QuotaAlert } from './quota-alerts';

const alert: QuotaAlert = {
  organizationName: 'Acme',
  applicationName: 'Projects',
  meter: 'api_calls',
  threshold: 80,
  limit: 10_000,
  used: 8_250,
  periodEnd: new Date('2027-01-01T00:00:00Z'),
  usageUrl: 'https://portal.example/org/org-1/usage',
};

describe('quotaAlertMail', () => {
  it('at 80% names the application, meter, amounts, reset and the usage page', () => {
    const mail = quotaAlertMail('en', 'owner@example.com', alert);
    expect(mail.to).toBe('owner@example.com');
    expect(mail.subject).toBe('Acme has used 80% of its api_calls limit on Projects');
    expect(mail.text).toContain('Acme has used 8,250 api_calls of its limit of 10,000 on Projects');
    expect(mail.text).toContain('The period resets on Fri, 01 Jan 2027 00:00:00 GMT.');
    expect(mail.text).toContain('See the usage: https://portal.example/org/org-1/usage');
    expect(mail.html).toContain('href="https://portal.example/org/org-1/usage"');
  });

  it('at 100% says more is refused; a lifetime quota does not reset', () => {
    const mail = quotaAlertMail('en', 'owner@example.com', { ...alert, threshold: 100, used: 10_000, periodEnd: null });
    expect(mail.subject).toBe('Acme reached its api_calls limit on Projects');
    expect(mail.text).toContain('Projects now refuses more api_calls until the period resets.');
    expect(mail.text).toContain('it does not reset');
  });

  it('at 100% below the limit says usage that would pass it was refused', () => {
    const mail = quotaAlertMail('en', 'owner@example.com', { ...alert, threshold: 100, used: 9_990 });
    expect(mail.text).toContain('Acme has used 9,990 api_calls of its limit of 10,000 on Projects, and Projects refused usage that would have passed the limit.');
  });

  it('escapes names in the HTML part', () => {
    expect(quotaAlertMail('en', 'o@example.com', { ...alert, organizationName: '<b>Acme</b>' }).html).not.toContain('<b>Acme</b>');
  });

  it('is written in French for a French-speaking owner, with French numbers', () => {
    const mail = quotaAlertMail('fr', 'owner@example.com', alert);
    expect(mail.subject).toBe('Acme a utilisé 80 % de sa limite de api_calls sur Projects');
    expect(mail.text).toContain('8\u202f250');
    expect(mail.text).toContain('Voir l’utilisation: https://portal.example/org/org-1/usage');
  });
});
