import { getTranslations } from 'next-intl/server';
import { curlCommand, exampleValue, type SchemaComponents } from '@/lib/api/openapi-example';
import { CodeBlock } from './code-block';
import { FieldTable } from './field-table';
import { InlineCode } from './inline-code';
import { fieldRows, refName, typeLabel, type FieldRow, type JsonSchema } from './schema-view';

export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type Media = { schema?: JsonSchema };
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
  security?: Record<string, string[]>[];
};

const METHOD_STYLE: Record<string, string> = {
  // Coloured borders, text in the page's own colour: readable in light and dark alike.
  get: 'border-success',
  post: 'border-primary',
  patch: 'border-input',
  put: 'border-input',
  delete: 'border-destructive',
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`rounded border bg-card px-1.5 py-0.5 font-mono text-foreground text-[0.7rem] font-semibold uppercase ${METHOD_STYLE[method] ?? ''}`}>{method}</span>;
}

function parameterRows(parameters: Parameter[]): FieldRow[] {
  return parameters.map((p) => ({
    name: p.in === 'path' ? `{${p.name}}` : `?${p.name}`,
    type: typeLabel(p.schema),
    ref: null,
    required: p.required ?? p.in === 'path',
    notes: [p.description ?? p.schema?.description].filter((n): n is string => !!n),
  }));
}

function SchemaBlock({ schema, caption }: { schema: JsonSchema | undefined; caption: string }) {
  if (!schema) return null;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <p className="text-sm">
        <a className="font-mono text-primary underline underline-offset-2" href={`#schema-${name}`}>
          {name}
        </a>
      </p>
    );
  }
  const rows = fieldRows(schema);
  return rows.length ? <FieldTable rows={rows} caption={caption} /> : <p className="font-mono text-sm">{typeLabel(schema)}</p>;
}

const SCHEMES = ['session', 'adminClient', 'consumptionClient'] as const;
type Scheme = (typeof SCHEMES)[number];
const isScheme = (s: string): s is Scheme => (SCHEMES as readonly string[]).includes(s);

/** The security requirement's alternatives, one per scheme with its scopes (`a or b`). */
function authWays(security: Record<string, string[]>[]): { scheme: string; scopes: string[] }[] {
  const byScheme = new Map<string, string[]>();
  for (const requirement of security) {
    for (const [scheme, scopes] of Object.entries(requirement)) byScheme.set(scheme, [...(byScheme.get(scheme) ?? []), ...scopes]);
  }
  return [...byScheme].map(([scheme, scopes]) => ({ scheme, scopes }));
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export async function OperationView({
  method,
  path,
  op,
  baseUrl,
  components,
}: {
  method: string;
  path: string;
  op: Operation;
  baseUrl: string;
  components: SchemaComponents;
}) {
  const t = await getTranslations('docs');
  const ways = authWays(op.security ?? []);
  const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
  const failures = Object.entries(op.responses ?? {}).filter(([status]) => !status.startsWith('2'));
  const body = op.requestBody?.content?.['application/json']?.schema;
  const bodyExample = body ? exampleValue(body, components) : undefined;
  const [okStatus, okResponse] = success[0] ?? [];
  const okSchema = okResponse?.content?.['application/json']?.schema;
  const id = op.operationId ?? `${method}-${path}`;
  const curl = curlCommand({ baseUrl, method, path, parameters: op.parameters, body: bodyExample, components });
  const or = ` ${t('operation.or')} `;
  return (
    <article id={op.operationId} className="grid min-w-0 scroll-mt-4 gap-4 rounded-xl border bg-card p-4 shadow-sm sm:p-6">
      <header className="grid gap-2">
        <h3 className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <MethodBadge method={method} />
          <code className="min-w-0 font-mono text-sm break-all">{path}</code>
        </h3>
        <p className="font-medium">{op.summary}</p>
        {op.description ? (
          <p className="text-sm break-words text-muted-foreground">
            <InlineCode text={op.description} />
          </p>
        ) : null}
        <p className="text-xs text-muted-foreground">
          {t('operation.auth')}{' '}
          {ways.map(({ scheme, scopes }, i) => (
            <span key={scheme}>
              {i > 0 ? or : ''}
              {isScheme(scheme) ? t(`operation.scheme.${scheme}`) : scheme}
              {scopes.length ? (
                <>
                  {' '}
                  {t('operation.withScopes')} <code className="font-mono">{scopes.join(or)}</code>
                </>
              ) : null}
            </span>
          ))}
        </p>
      </header>
      {op.parameters?.length ? (
        <section className="grid gap-2">
          <h4 className="text-sm font-semibold">{t('operation.parameters')}</h4>
          <FieldTable rows={parameterRows(op.parameters)} caption={t('operation.parametersOf', { id })} />
        </section>
      ) : null}
      {body ? (
        <section className="grid gap-2">
          <h4 className="text-sm font-semibold">{t('operation.requestBody')}</h4>
          <SchemaBlock schema={body} caption={t('operation.requestBodyOf', { id })} />
        </section>
      ) : null}
      <section className="grid gap-2">
        <h4 className="text-sm font-semibold">{t('operation.response')}</h4>
        {success.map(([status, response]) => (
          <div key={status} className="grid gap-2">
            <p className="text-sm">
              <span className="font-mono font-semibold">{status}</span> {response.description}
            </p>
            <SchemaBlock schema={response.content?.['application/json']?.schema} caption={t('operation.responseOf', { status, id })} />
          </div>
        ))}
        <ul className="grid gap-1 text-sm text-muted-foreground">
          {failures.map(([status, response]) => (
            <li key={status} className="break-words">
              <span className="font-mono font-semibold text-foreground">{status}</span> {response.description}
            </li>
          ))}
        </ul>
      </section>
      <section className="grid min-w-0 gap-2" aria-label={t('operation.examplesOf', { id })}>
        <h4 className="text-sm font-semibold">{t('operation.examples')}</h4>
        <CodeBlock title={t('operation.curl')} code={curl} language="sh" />
        {body ? <CodeBlock title={t('operation.exampleRequest')} code={pretty(bodyExample)} language="json" /> : null}
        {okSchema ? (
          <CodeBlock title={t('operation.exampleResponse', { status: okStatus ?? '200' })} code={pretty(exampleValue(okSchema, components))} language="json" />
        ) : okStatus ? (
          <p className="text-sm text-muted-foreground">{t('operation.noContent', { status: okStatus })}</p>
        ) : null}
      </section>
    </article>
  );
}
