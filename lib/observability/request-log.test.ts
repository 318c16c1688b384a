import { describe, expect, it } from 'vitest';
import { loggablePath } from './request-log';

describe('loggablePath', () => {
  it('hides an invitation token in the path', () => {
    expect(loggablePath('/invitation/abcDEF123_-')).toBe('/invitation/:token');
    expect(loggablePath('/invitation/abcDEF123_-/accept')).toBe('/invitation/:token/accept');
  });

  it('leaves other paths as they are', () => {
    expect(loggablePath('/org/0193a0b2/members')).toBe('/org/0193a0b2/members');
  });
});
