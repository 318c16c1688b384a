import type { Metadata } from 'next';
import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { openApiDocument } from '@/lib/api/openapi';
import { FieldTable } from './field-table';
import { InlineCode } from './inline-code';
import { OperationView, type Operation } from './operation';
import { fieldRows, typeLabel, type JsonSchema } from './schema-view';

export const metadata: Metadata = { title: 'Admin API reference' };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Entry = { method: string; path: string; op: Operation & { tags?: string[] } };

export default function ApiReferencePage() {
  const doc = openApiDocument();
  const entries: Entry[] = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, unknown>)[method] as Entry['op'] | undefined;
      return op ? [{ method, path, op }] : [];
    }),
  );
  const tags = doc.tags ?? [];
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, JsonSchema>);

  return (
    <div className="mx-auto grid max-w-4xl gap-10 px-4 py-8 sm:py-12">
      <header className="grid gap-3">
        <Link href="/" className="flex items-center gap-2 text-sm font-semibold">
          <ShieldCheck className="size-5 text-primary" aria-hidden />
          Auth Portal
        </Link>
        <h1 className="text-2xl font-semibold sm:text-3xl">{doc.info.title}</h1>
        {doc.info.description ? (
          <p className="text-muted-foreground">
            <InlineCode text={doc.info.description} />
          </p>
        ) : null}
        <div className="grid gap-2 text-sm">
          <p>
            <strong>Signed in:</strong> the portal session works from the portal&rsquo;s own pages; POST, PATCH and DELETE need
            the portal&rsquo;s <code className="font-mono">Origin</code> and <code className="font-mono">Content-Type: application/json</code>.
          </p>
          <p>
            <strong>Services:</strong> a client a platform administrator gave <code className="font-mono">admin:read</code> or{' '}
            <code className="font-mono">admin:write</code> gets a token with the client_credentials grant at{' '}
            <code className="font-mono break-all">/oauth/token</code> and sends it as <code className="font-mono">Authorization: Bearer</code>.
          </p>
          <p>
            Machine-readable:{' '}
            <a className="font-medium text-primary underline underline-offset-4" href="/api/openapi.json">
              /api/openapi.json
            </a>{' '}
            (OpenAPI {doc.openapi}).
          </p>
        </div>
        <nav aria-label="Sections" className="flex flex-wrap gap-2 pt-2">
          {tags.map((t) => (
            <a key={t.name} href={`#tag-${t.name}`} className="rounded-full border px-3 py-1 text-sm hover:bg-accent">
              {t.name}
            </a>
          ))}
          <a href="#schemas" className="rounded-full border px-3 py-1 text-sm hover:bg-accent">
            Schemas
          </a>
        </nav>
      </header>

      {tags.map((tag) => (
        <section key={tag.name} id={`tag-${tag.name}`} aria-labelledby={`h-${tag.name}`} className="grid scroll-mt-4 gap-4">
          <div>
            <h2 id={`h-${tag.name}`} className="text-xl font-semibold">
              {tag.name}
            </h2>
            {tag.description ? <p className="text-sm text-muted-foreground">{tag.description}</p> : null}
          </div>
          {entries
            .filter((e) => e.op.tags?.includes(tag.name))
            .map((e) => (
              <OperationView key={`${e.method} ${e.path}`} method={e.method} path={e.path} op={e.op} />
            ))}
        </section>
      ))}

      <section id="schemas" aria-labelledby="h-schemas" className="grid scroll-mt-4 gap-4">
        <h2 id="h-schemas" className="text-xl font-semibold">
          Schemas
        </h2>
        {schemas.map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="grid scroll-mt-4 gap-2">
            <h3 className="font-mono text-base font-semibold">{name}</h3>
            {fieldRows(schema).length ? (
              <FieldTable rows={fieldRows(schema)} caption={`Fields of ${name}`} />
            ) : (
              <p className="font-mono text-sm">{typeLabel(schema)}</p>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
