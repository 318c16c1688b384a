import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { openApiDocument } from '@/lib/api/openapi';
import type { SchemaComponents } from '@/lib/api/openapi-example';
import { FieldTable } from './field-table';
import { InlineCode } from './inline-code';
import { OperationView, type Operation } from './operation';
import { rich } from './guide';
import { fieldRows, typeLabel, type JsonSchema } from './schema-view';
import { Filterable, NoMatches, SearchField, SearchScope } from './search';
import { OperationIndex, type IndexGroup } from './sidebar';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('docs');
  return { title: t('reference.title') };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Entry = { method: string; path: string; op: Operation & { tags?: string[] } };

export default async function ApiReferencePage() {
  const t = await getTranslations('docs');
  const doc = openApiDocument();
  const baseUrl = doc.servers?.[0]?.url ?? '';
  const entries: Entry[] = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, unknown>)[method] as Entry['op'] | undefined;
      return op ? [{ method, path, op }] : [];
    }),
  );
  const tags = doc.tags ?? [];
  const components = (doc.components?.schemas ?? {}) as SchemaComponents;
  const schemas = Object.entries(components as Record<string, JsonSchema>);
  const searchText = (e: Entry) => `${e.method} ${e.path} ${e.op.summary ?? ''} ${e.op.operationId ?? ''}`;
  const groups: IndexGroup[] = tags.map((tag) => ({
    tag: tag.name,
    entries: entries
      .filter((e) => e.op.tags?.includes(tag.name))
      .map((e) => ({ id: e.op.operationId ?? '', method: e.method, path: e.path, summary: e.op.summary ?? e.path, search: searchText(e) })),
  }));
  const index = <OperationIndex groups={groups} label={t('reference.index')} schemasLabel={t('reference.schemas')} />;

  return (
    <SearchScope>
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-6 lg:grid-cols-[17rem_minmax(0,1fr)] lg:py-10">
        <aside className="grid min-w-0 content-start gap-3 lg:sticky lg:self-start lg:top-0 lg:max-h-dvh lg:overflow-y-auto lg:py-2 lg:pr-2">
          <SearchField />
          {/* Phones: folded under a summary; desktop: always open beside the content. */}
          <details className="rounded-md border lg:hidden">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ring">
              {t('reference.indexCount', { count: entries.length })}
            </summary>
            <div className="border-t px-2 py-3">{index}</div>
          </details>
          <div className="max-lg:hidden">{index}</div>
        </aside>

        <main id="main" tabIndex={-1} className="grid min-w-0 content-start gap-10 focus:outline-none">
          <header className="grid gap-3">
            <h1 className="text-2xl font-semibold sm:text-3xl">{doc.info.title}</h1>
            {doc.info.description ? (
              <p className="break-words text-muted-foreground">
                <InlineCode text={doc.info.description} />
              </p>
            ) : null}
            <div className="grid gap-2 text-sm">
              <p>{t.rich('reference.session', rich)}</p>
              <p>
                {t.rich('reference.services', rich)}{' '}
                <Link href="/docs/admin-token" className="font-medium text-primary underline underline-offset-4">
                  {t('nav.adminToken')}
                </Link>
              </p>
              <p>
                {t('reference.machineReadable')}{' '}
                <a className="font-medium text-primary underline underline-offset-4" href="/api/openapi.json">
                  /api/openapi.json
                </a>{' '}
                (OpenAPI {doc.openapi}).
              </p>
              <p className="text-muted-foreground">{t('reference.englishNote')}</p>
            </div>
          </header>

          <NoMatches texts={entries.map(searchText)} />

          {tags.map((tag) => {
            const inTag = entries.filter((e) => e.op.tags?.includes(tag.name));
            return (
              <Filterable key={tag.name} texts={inTag.map(searchText)}>
                <section id={`tag-${tag.name}`} aria-labelledby={`h-${tag.name}`} className="grid min-w-0 scroll-mt-4 gap-4">
                  <div>
                    <h2 id={`h-${tag.name}`} className="text-xl font-semibold">
                      {tag.name}
                    </h2>
                    {tag.description ? <p className="text-sm text-muted-foreground">{tag.description}</p> : null}
                  </div>
                  {inTag.map((e) => (
                    <Filterable key={`${e.method} ${e.path}`} texts={[searchText(e)]}>
                      <OperationView method={e.method} path={e.path} op={e.op} baseUrl={baseUrl} components={components} />
                    </Filterable>
                  ))}
                </section>
              </Filterable>
            );
          })}

          <section id="schemas" aria-labelledby="h-schemas" className="grid min-w-0 scroll-mt-4 gap-4">
            <h2 id="h-schemas" className="text-xl font-semibold">
              {t('reference.schemas')}
            </h2>
            {schemas.map(([name, schema]) => (
              <div key={name} id={`schema-${name}`} className="grid min-w-0 scroll-mt-4 gap-2">
                <h3 className="font-mono text-base font-semibold">{name}</h3>
                {fieldRows(schema).length ? (
                  <FieldTable rows={fieldRows(schema)} caption={t('reference.fieldsOf', { name })} />
                ) : (
                  <p className="font-mono text-sm">{typeLabel(schema)}</p>
                )}
              </div>
            ))}
          </section>
        </main>
      </div>
    </SearchScope>
  );
}
