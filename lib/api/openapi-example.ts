/**
 * Example values and curl lines for the API reference (/docs), built from the OpenAPI document's
 * JSON schemas: a schema's own `example`/`examples`/`const`/`default`/`enum` first, then its format and type.
 */
export type ExampleSchema = {
  $ref?: string;
  type?: string | string[];
  items?: ExampleSchema;
  properties?: Record<string, ExampleSchema>;
  additionalProperties?: boolean | ExampleSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: ExampleSchema[];
  oneOf?: ExampleSchema[];
  allOf?: ExampleSchema[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
};

export type SchemaComponents = Record<string, ExampleSchema>;

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2026-01-15T09:30:00.000Z',
  date: '2026-01-15',
  time: '09:30:00',
  email: 'ada@example.com',
  uri: 'https://app.example.com/',
  url: 'https://app.example.com/',
  uuid: '0197a3c1-4f5e-7d2a-9b1c-3e4f5a6b7c8d',
  hostname: 'app.example.com',
};

/** Beyond this many nested $refs the example stops (a schema may refer to itself). */
const MAX_DEPTH = 8;

const isNullSchema = (s: ExampleSchema) => s.type === 'null' || s.const === null;

function numberExample(schema: ExampleSchema, integer: boolean): number {
  // zod's int() puts the safe-integer range in minimum/maximum: not a useful example.
  const min = schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER ? schema.minimum : undefined;
  const max = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  let value = min ?? 1;
  if (max !== undefined && value > max) value = max;
  return integer ? Math.ceil(value) : value;
}

/** An example value for `schema`; `components` resolves `#/components/schemas/...` references. */
export function exampleValue(schema: ExampleSchema | undefined, components: SchemaComponents = {}, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return null;
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1) ?? '';
    return exampleValue(components[name], components, depth + 1);
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return exampleValue(union.find((s) => !isNullSchema(s)) ?? union[0], components, depth);
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => exampleValue(s, components, depth));
    const objects = parts.filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && !Array.isArray(p));
    return objects.length === parts.length ? Object.assign({}, ...objects) : parts[0];
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'string':
      return (schema.format && FORMAT_EXAMPLES[schema.format]) ?? 'string';
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return schema.items ? [exampleValue(schema.items, components, depth)] : [];
    case 'object': {
      if (schema.properties) {
        return Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, exampleValue(child, components, depth)]));
      }
      const extra = schema.additionalProperties;
      return extra && typeof extra === 'object' ? { key: exampleValue(extra, components, depth) } : {};
    }
    default:
      return null;
  }
}

export type CurlParameter = { name: string; in: string; required?: boolean; schema?: ExampleSchema };

/** POSIX shell single quotes: nothing inside is expanded; a quote is closed, escaped and reopened. */
export const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A curl line for one operation: path parameters and required query parameters filled with examples,
 * the token from $TOKEN (double quotes so the shell expands it), and the JSON body when there is one.
 */
export function curlCommand(input: {
  baseUrl: string;
  method: string;
  path: string;
  parameters?: CurlParameter[];
  body?: unknown;
  components?: SchemaComponents;
}): string {
  const params = input.parameters ?? [];
  const sample = (p: CurlParameter) => encodeURIComponent(String(exampleValue(p.schema, input.components) ?? p.name));
  let path = input.path;
  for (const p of params.filter((p) => p.in === 'path')) path = path.replaceAll(`{${p.name}}`, sample(p));
  const query = params.filter((p) => p.in === 'query' && p.required).map((p) => `${encodeURIComponent(p.name)}=${sample(p)}`);
  const url = `${input.baseUrl.replace(/\/$/, '')}${path}${query.length ? `?${query.join('&')}` : ''}`;
  const lines = [`curl -X ${input.method.toUpperCase()} ${shellQuote(url)}`, `-H "Authorization: Bearer $TOKEN"`];
  if (input.body !== undefined) lines.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(input.body))}`);
  return lines.join(' \\\n  ');
}
