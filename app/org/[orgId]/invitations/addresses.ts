/** One line of the multi-address invitation's answer. */
export type InviteResult = { email: string; ok: boolean; message: string };

/** The addresses of the invitation field: separated by commas, semicolons, spaces or new lines. */
export function splitAddresses(field: string): string[] {
  return field.split(/[\s,;]+/).filter(Boolean);
}

/** The per-address results an invitation answer carries, if any. */
export function inviteResultsOf(state: object): InviteResult[] {
  return 'results' in state && Array.isArray(state.results) ? (state.results as InviteResult[]) : [];
}
