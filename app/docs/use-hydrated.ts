'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** False on the server and in the first render; true once JavaScript runs in the browser. */
export const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);
