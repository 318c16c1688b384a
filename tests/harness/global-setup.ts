import type { TestProject } from 'vitest/node';
import { startPortal, tempDir } from './portal-server';
import { startSmtpReceiver } from './smtp-receiver';

declare module 'vitest' {
  export interface ProvidedContext {
    portalUrl: string;
    mailDir: string;
    /** Where the server keeps its data: pass to connectToPortalDb. */
    portalDb: { databaseUrl?: string; dataDir?: string };
  }
}

/** One built portal (PGlite, or PostgreSQL when DATABASE_URL is set) and one SMTP receiver for the integration suite. */
export default async function setup(project: TestProject) {
  const mailDir = tempDir('mail');
  const smtp = await startSmtpReceiver(mailDir);
  const portal = await startPortal({ SMTP_URL: smtp.url });
  project.provide('portalUrl', portal.url);
  project.provide('mailDir', mailDir);
  project.provide('portalDb', portal.env.DATABASE_URL ? { databaseUrl: portal.env.DATABASE_URL } : { dataDir: portal.env.DATA_DIR });
  return async () => {
    await portal.stop();
    await smtp.stop();
  };
}
