import type { ApiRoute } from '../route';
import { applicationRoutes } from './applications';
import { clientRoutes } from './clients';
import { memberRoutes } from './members';
import { organizationRoutes } from './organizations';
import { permissionRoutes } from './permissions';
import { roleRoutes } from './roles';
import { userRoutes } from './users';

/**
 * Every endpoint of /api/admin, in the order the reference lists them. Invitations join as one
 * more group (list, create, resend, revoke) when their module is wired in.
 */
export const adminRoutes: readonly ApiRoute[] = [
  ...organizationRoutes,
  ...memberRoutes,
  ...roleRoutes,
  ...permissionRoutes,
  ...applicationRoutes,
  ...clientRoutes,
  ...userRoutes,
];
