import { it } from 'vitest';
import { FormClient, fieldError } from './harness/form-client';
import { startPortal } from './harness/portal-server';

it('explore', async () => {
  const p = await startPortal({ DATABASE_URL: undefined });
  const c = new FormClient(p.url);
  for (const n of [1024 * 1024, 1000 * 1000, 900 * 1000, 10000]) {
    const big = await c.fill('/signup', 'Create account', { email: 'big@example.com', password: 'x'.repeat(n) });
    console.log('big', n, big.status, fieldError(big, 'password'));
  }
  console.log(p.logs());
  await p.stop();
}, 120000);
