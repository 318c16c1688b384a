import { dispatchAdminRequest } from '@/lib/api/dispatch';

export const dynamic = 'force-dynamic';

export { dispatchAdminRequest as GET, dispatchAdminRequest as POST, dispatchAdminRequest as PATCH };
export { dispatchAdminRequest as PUT, dispatchAdminRequest as DELETE };
