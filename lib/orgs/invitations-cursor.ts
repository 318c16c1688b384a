/**
 * Keyset cursor of the invitation list, newest first. Ids are UUIDv7, so their text order is
 * their creation order: the last id seen is the whole cursor.
 */
export function encodeInvitationCursor(last: { id: string }): string {
  return Buffer.from(last.id, 'utf8').toString('base64url');
}

export function decodeInvitationCursor(cursor: string): { id: string } | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f-]{36}$/.test(id) ? { id } : null;
}
