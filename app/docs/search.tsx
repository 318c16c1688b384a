'use client';

import { createContext, useContext, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Search } from 'lucide-react';
import { useHydrated } from './use-hydrated';

// The reference is rendered in full on the server; this only hides what does not match once JavaScript runs.
const QueryContext = createContext('');
const SetQueryContext = createContext<(query: string) => void>(() => {});

const matches = (query: string, texts: string[]) => {
  const q = query.trim().toLowerCase();
  return !q || texts.some((text) => text.toLowerCase().includes(q));
};

export function SearchScope({ children }: { children: React.ReactNode }) {
  const [query, setQuery] = useState('');
  return (
    <QueryContext.Provider value={query}>
      <SetQueryContext.Provider value={setQuery}>{children}</SetQueryContext.Provider>
    </QueryContext.Provider>
  );
}

export function SearchField() {
  const t = useTranslations('docs.search');
  const query = useContext(QueryContext);
  const setQuery = useContext(SetQueryContext);
  // Without JavaScript the field would do nothing: it only appears once it works.
  if (!useHydrated()) return null;
  return (
    <div role="search" className="relative">
      <label htmlFor="docs-search" className="sr-only">
        {t('label')}
      </label>
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <input
        id="docs-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('placeholder')}
        className="h-9 w-full min-w-0 rounded-md border border-input bg-background pr-3 pl-8 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      />
    </div>
  );
}

/** Shows its children while any of `texts` contains the query. */
export function Filterable({ texts, children }: { texts: string[]; children: React.ReactNode }) {
  const query = useContext(QueryContext);
  return matches(query, texts) ? children : null;
}

export function NoMatches({ texts }: { texts: string[] }) {
  const t = useTranslations('docs.search');
  const query = useContext(QueryContext);
  if (matches(query, texts)) return null;
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {t('none', { query: query.trim() })}
    </p>
  );
}
