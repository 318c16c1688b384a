import { healthEndpoint } from './health';

export type MachineRoute = { method: string; path: string; handler: (req: Request) => Promise<Response> };

/**
 * Endpoints server.ts serves straight from lib/, before Next's request pipeline (which costs more
 * than the work these do). Each is also mounted by a route handler under app/, so both paths answer alike.
 */
export const machineRoutes: MachineRoute[] = [{ method: 'GET', path: '/api/health', handler: healthEndpoint }];
