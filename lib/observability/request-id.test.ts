import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it('keeps a well-formed incoming id', () => {
    expect(requestIdFor('lb-0193a0b2-1c2d')).toBe('lb-0193a0b2-1c2d');
    expect(requestIdFor('Root=1-67891233-abcdef012345678912345678')).toMatch(UUID); // '=' is not kept
  });

  it('makes a new one for a missing, repeated, short, long or odd id', () => {
    for (const incoming of [undefined, ['a-1234567', 'b-1234567'], 'short', 'x'.repeat(129), 'with space 123', 'new\nline-1234']) {
      expect(requestIdFor(incoming)).toMatch(UUID);
    }
  });
});
