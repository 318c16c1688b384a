import { describe, expect, it } from 'vitest';
import { conflict, notFound, tooManyRequests, waitValues } from '@/lib/domain/errors';
import { errorText, fieldText } from './error-text';

describe('domain refusals in the page language', () => {
  it('say the catalogue message in English to the API and in French to a French page', () => {
    const err = conflict({ key: 'lastOwner', values: { organization: 'Acme' } });
    expect(err.message).toBe('You are the last owner of Acme, which has other members. Make someone else an owner first, or remove them.');
    expect(errorText(err, 'fr')).toBe('Vous êtes le dernier propriétaire de Acme, qui a d’autres membres. Nommez d’abord quelqu’un d’autre propriétaire, ou retirez-les.');
  });

  it('name what was not found, in either spelling of the entity', () => {
    expect(notFound('Role').message).toBe('The role was not found.');
    expect(errorText(notFound('member'), 'fr')).toBe('Membre introuvable.');
  });

  it('keep plain English for what only the API and CLI say', () => {
    const err = notFound('A client with a secret');
    expect(err.key).toBeUndefined();
    expect(errorText(err, 'fr')).toBe('A client with a secret was not found.');
  });

  it('put the wait in the right unit', () => {
    expect(waitValues(30)).toEqual({ unit: 'seconds', amount: 30 });
    expect(errorText(tooManyRequests({ key: 'invitationJustSent', values: waitValues(600) }), 'fr')).toBe(
      'Cette invitation vient d’être envoyée. Patientez 10 minutes avant de la renvoyer.',
    );
  });

  it('translate form messages written as catalogue keys, with the limit', () => {
    expect(fieldText('atMost', { max: 60 }, 'fr')).toBe('Utilisez au plus 60 caractères.');
    expect(fieldText('Enter your email address.', {}, 'fr')).toBe('Enter your email address.');
  });
});
