import { sql } from 'drizzle-orm';
import { db } from '@/db';

/** Liveness and database reachability, for load balancers and the test harness. */
export async function healthEndpoint(req: Request): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return Response.json(
      { error: 'method_not_allowed', message: 'Use GET.' },
      { status: 405, headers: { allow: 'GET, HEAD', 'cache-control': 'no-store' } },
    );
  }
  try {
    await db().execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
}
