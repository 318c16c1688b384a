import { eq } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { organizations, stripeCustomers } from '@/db/schema';
import type { Stripe } from './stripe';

export async function customerOfOrg(orgId: string, exec: Executor = db()): Promise<string | null> {
  const [row] = await exec.select({ customerId: stripeCustomers.customerId }).from(stripeCustomers).where(eq(stripeCustomers.orgId, orgId));
  return row?.customerId ?? null;
}

export async function orgOfCustomer(customerId: string, exec: Executor = db()): Promise<string | null> {
  const [row] = await exec.select({ orgId: stripeCustomers.orgId }).from(stripeCustomers).where(eq(stripeCustomers.customerId, customerId));
  return row?.orgId ?? null;
}

/**
 * The organization's Stripe customer, created on first need. The idempotency key makes two
 * concurrent first checkouts get the same customer; the insert keeps whichever row came first.
 */
export async function ensureCustomer(stripe: Stripe, orgId: string): Promise<string> {
  const existing = await customerOfOrg(orgId);
  if (existing) return existing;
  const [org] = await db().select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  const customer = await stripe.customers.create({ name: org?.name, metadata: { org_id: orgId } }, { idempotencyKey: `org-customer-${orgId}` });
  await db().insert(stripeCustomers).values({ orgId, customerId: customer.id }).onConflictDoNothing();
  return (await customerOfOrg(orgId))!;
}

/** Stripe deleted the customer: the organization gets a new one at its next checkout. */
export async function forgetCustomer(exec: Executor, customerId: string): Promise<string | null> {
  const [row] = await exec.delete(stripeCustomers).where(eq(stripeCustomers.customerId, customerId)).returning({ orgId: stripeCustomers.orgId });
  return row?.orgId ?? null;
}
