import { describe, expect, it } from 'vitest';
import { decodeFormComponent } from './form-urlencoded';

describe('decodeFormComponent', () => {
  it('reads "+" as a space and percent-escapes as UTF-8', () => {
    expect(decodeFormComponent('a+b%2Bc')).toBe('a b+c');
    expect(decodeFormComponent('%C3%A9t%C3%A9')).toBe('été');
    expect(decodeFormComponent('s%3Ae%3Acret%25')).toBe('s:e:cret%');
  });

  it('throws on a stray "%" and on bad UTF-8', () => {
    expect(() => decodeFormComponent('100%')).toThrow(URIError);
    expect(() => decodeFormComponent('%zz')).toThrow(URIError);
    expect(() => decodeFormComponent('%C3')).toThrow(URIError);
  });
});
