import { MethodBadge } from './operation';
import { Filterable } from './search';

export type IndexEntry = { id: string; method: string; path: string; summary: string; search: string };
export type IndexGroup = { tag: string; entries: IndexEntry[] };

/** Every operation by tag, each a link to its #operationId; hidden entries follow the search field. */
export function OperationIndex({ groups, label, schemasLabel }: { groups: IndexGroup[]; label: string; schemasLabel: string }) {
  return (
    <nav aria-label={label} className="grid gap-4 text-sm">
      {groups.map((group) => (
        <Filterable key={group.tag} texts={group.entries.map((e) => e.search)}>
          <div className="grid gap-1">
            <a href={`#tag-${group.tag}`} className="rounded px-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
              {group.tag}
            </a>
            <ul className="grid gap-0.5">
              {group.entries.map((e) => (
                <Filterable key={e.id} texts={[e.search]}>
                  <li>
                    <a
                      href={`#${e.id}`}
                      title={`${e.method.toUpperCase()} ${e.path}`}
                      className="flex min-w-0 items-baseline gap-2 rounded px-1 py-1 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
                    >
                      <span className="w-12 shrink-0 text-right">
                        <MethodBadge method={e.method} />
                      </span>
                      <span className="min-w-0 break-words">{e.summary}</span>
                    </a>
                  </li>
                </Filterable>
              ))}
            </ul>
          </div>
        </Filterable>
      ))}
      <a href="#schemas" className="rounded px-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
        {schemasLabel}
      </a>
    </nav>
  );
}
