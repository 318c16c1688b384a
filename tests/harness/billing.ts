import { decodeJwt } from 'jose';
import type { PlanFeatures } from '@/db/schema';
import type { AdminApi } from './admin-api';
import { codeFlowTokens, signedInBrowser, type CreatedClient } from './oidc';

export type ApiPlan = {
  id: string;
  key: string;
  isDefault: boolean;
  archived: boolean;
  features: PlanFeatures;
  stripeProductId: string | null;
  prices: { id: string; amount: number; currency: string; interval: string; stripePriceId: string | null }[];
};

/** Creates a plan through the admin API as `api` (a platform administrator) and returns it. */
export async function createPlanThroughApi(api: AdminApi, applicationId: string, body: Record<string, unknown>): Promise<ApiPlan> {
  const res = await api.post<ApiPlan>(`/applications/${applicationId}/plans`, body);
  if (res.status !== 201) throw new Error(`Creating plan ${String(body.key)} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The `features` claim of the access token `email` gets next through a code flow of `client` on `portalUrl`. */
export async function featuresInNextToken(portalUrl: string, client: CreatedClient, email: string): Promise<unknown> {
  const browser = await signedInBrowser(portalUrl, email);
  const tokens = await codeFlowTokens(portalUrl, browser, client as { client_id: string; client_secret: string }, email);
  return decodeJwt(tokens.access_token as string).features;
}
