import { asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db';
import { applications, plans, type PlanFeatures } from '@/db/schema';
import { requirePermission, type OrgAccess } from '@/lib/orgs/access';
import { BILLING_READ } from './checkout';
import { customerOfOrg } from './customers';
import { planFeatures } from './features';
import { listPlans, type Plan } from './plans';
import { billingMode } from './stripe';
import { listSubscriptions, type Subscription } from './subscriptions';

export type ApplicationBilling = {
  application: { id: string; key: string; name: string };
  /** The plan whose features are in effect now (the subscribed one, or the default). */
  planInEffect: { id: string; key: string; name: string } | null;
  features: PlanFeatures;
  subscription: Subscription | null;
  /** Plans on offer (not archived), the default first. */
  plans: Plan[];
};

export type BillingOverview = {
  orgId: string;
  mode: 'stripe' | 'manual';
  hasCustomer: boolean;
  applications: ApplicationBilling[];
};

/**
 * What the organization has and may buy, per application that offers plans (or that it
 * subscribes to): what the Billing page and GET …/billing show.
 */
export async function billingOverview(access: OrgAccess): Promise<BillingOverview> {
  requirePermission(access, BILLING_READ);
  const subscriptionsOfOrg = await listSubscriptions(access.orgId);
  const offering = await db().selectDistinct({ applicationId: plans.applicationId }).from(plans);
  const applicationIds = [...new Set([...offering.map((o) => o.applicationId), ...subscriptionsOfOrg.map((s) => s.applicationId)])];
  const apps = applicationIds.length
    ? await db()
        .select({ id: applications.id, key: applications.key, name: applications.name })
        .from(applications)
        .where(inArray(applications.id, applicationIds))
        .orderBy(asc(applications.name))
    : [];
  const entries = await Promise.all(
    apps.map(async (application): Promise<ApplicationBilling | null> => {
      const [offered, inEffect] = await Promise.all([listPlans(application.id), planFeatures(access.orgId, application.id)]);
      const subscription = subscriptionsOfOrg.find((s) => s.applicationId === application.id) ?? null;
      if (!offered.length && !subscription) return null;
      const effective = inEffect.planId ? await planSummary(inEffect.planId) : null;
      return { application, planInEffect: effective, features: inEffect.features, subscription, plans: offered };
    }),
  );
  return {
    orgId: access.orgId,
    mode: billingMode(),
    hasCustomer: (await customerOfOrg(access.orgId)) !== null,
    applications: entries.filter((e): e is ApplicationBilling => e !== null),
  };
}

async function planSummary(planId: string) {
  const [row] = await db().select({ id: plans.id, key: plans.key, name: plans.name }).from(plans).where(eq(plans.id, planId));
  return row ?? null;
}

/** The organization's subscriptions, for those who may read its billing. */
export async function organizationSubscriptions(access: OrgAccess): Promise<Subscription[]> {
  requirePermission(access, BILLING_READ);
  return listSubscriptions(access.orgId);
}
