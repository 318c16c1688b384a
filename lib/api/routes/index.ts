import type { ApiRoute } from '../route';
import { applicationRoutes } from './applications';
import { auditRoutes } from './audit';
import { billingRoutes } from './billing';
import { clientRoutes } from './clients';
import { identityProviderRoutes } from './identity-providers';
import { invitationRoutes } from './invitations';
import { memberRoutes } from './members';
import { organizationRoutes } from './organizations';
import { orgSsoRoutes } from './org-sso';
import { permissionRoutes } from './permissions';
import { planRoutes } from './plans';
import { platformRoutes } from './platform';
import { roleRoutes } from './roles';
import { userRoutes } from './users';

/** Every endpoint of /api/admin, in the order the reference lists them. */
export const adminRoutes: readonly ApiRoute[] = [
  ...organizationRoutes,
  ...memberRoutes,
  ...invitationRoutes,
  ...roleRoutes,
  ...permissionRoutes,
  ...applicationRoutes,
  ...clientRoutes,
  ...userRoutes,
  ...platformRoutes,
  ...identityProviderRoutes,
  ...orgSsoRoutes,
  ...planRoutes,
  ...billingRoutes,
  ...auditRoutes,
];
