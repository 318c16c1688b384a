import { consumptionCheck } from '@/lib/consumption/http';
import { webHandler } from '@/lib/oidc/protocol';

// Every method reaches the handler, which answers 405 itself, as when server.ts serves this path.
const handler = webHandler(consumptionCheck);
export { handler as GET, handler as POST, handler as PUT, handler as DELETE, handler as PATCH };
export const dynamic = 'force-dynamic';
