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
  get: 'bg-success/15 text-success',
  post: 'bg-primary/15 text-primary',
  patch: 'bg-accent text-accent-foreground',
  put: 'bg-accent text-accent-foreground',
  delete: 'bg-destructive/15 text-destructive',
};

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

const SCHEME_LABELS: Record<string, string> = {
  session: 'portal session',
  adminClient: 'an admin API token',
  consumptionClient: 'a consumption API token',
};

/** The security requirement's alternatives, one per scheme with its scopes (`a or b`). */
function authWays(security: Record<string, string[]>[]): { label: string; scopes: string[] }[] {
  const byScheme = new Map<string, string[]>();
  for (const requirement of security) {
    for (const [scheme, scopes] of Object.entries(requirement)) byScheme.set(scheme, [...(byScheme.get(scheme) ?? []), ...scopes]);
  }
  return [...byScheme].map(([scheme, scopes]) => ({ label: SCHEME_LABELS[scheme] ?? scheme, scopes }));
}

export function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const ways = authWays(op.security ?? []);
  const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
  const failures = Object.entries(op.responses ?? {}).filter(([status]) => !status.startsWith('2'));
  const body = op.requestBody?.content?.['application/json']?.schema;
  return (
    <article id={op.operationId} className="grid scroll-mt-4 gap-4 rounded-xl border bg-card p-4 shadow-sm sm:p-6">
      <header className="grid gap-2">
        <h3 className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ''}`}>{method}</span>
          <code className="font-mono text-sm break-all">{path}</code>
        </h3>
        <p className="font-medium">{op.summary}</p>
        {op.description ? (
          <p className="text-sm text-muted-foreground">
            <InlineCode text={op.description} />
          </p>
        ) : null}
        <p className="text-xs text-muted-foreground">
          Auth:{' '}
          {ways.map(({ label, scopes }, i) => (
            <span key={label}>
              {i > 0 ? (i === ways.length - 1 ? ', or ' : ', ') : ''}
              {label}
              {scopes.length ? (
                <>
                  {' '}
                  with <code className="font-mono">{scopes.join(' or ')}</code>
                </>
              ) : null}
            </span>
          ))}
        </p>
      </header>
      {op.parameters?.length ? (
        <section className="grid gap-2">
          <h4 className="text-sm font-semibold">Parameters</h4>
          <FieldTable rows={parameterRows(op.parameters)} caption={`Parameters of ${op.operationId}`} />
        </section>
      ) : null}
      {body ? (
        <section className="grid gap-2">
          <h4 className="text-sm font-semibold">Request body (JSON)</h4>
          <SchemaBlock schema={body} caption={`Request body of ${op.operationId}`} />
        </section>
      ) : null}
      <section className="grid gap-2">
        <h4 className="text-sm font-semibold">Response</h4>
        {success.map(([status, response]) => (
          <div key={status} className="grid gap-2">
            <p className="text-sm">
              <span className="font-mono font-semibold">{status}</span> {response.description}
            </p>
            <SchemaBlock schema={response.content?.['application/json']?.schema} caption={`Response ${status} of ${op.operationId}`} />
          </div>
        ))}
        <ul className="grid gap-1 text-sm text-muted-foreground">
          {failures.map(([status, response]) => (
            <li key={status}>
              <span className="font-mono font-semibold text-foreground">{status}</span> {response.description}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
