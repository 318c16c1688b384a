/** JSON Schema (as OpenAPI 3.1 carries it) turned into words and rows for the reference page. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  example?: unknown;
  default?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

export type FieldRow = { name: string; type: string; ref: string | null; required: boolean; notes: string[] };

export const refName = (ref: string) => ref.split('/').at(-1) ?? ref;

/** A short type expression: `string`, `Member[]`, `"owner" | "admin"`, `string | null`. */
export function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(' | ');
  if (schema.allOf?.length === 1) return typeLabel(schema.allOf[0]);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return (
    types
      .map((t) => {
        if (t === 'array') return `${typeLabel(schema.items)}[]`;
        if (t === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          return `map of ${typeLabel(schema.additionalProperties)}`;
        }
        return schema.format && t === 'string' ? `string (${schema.format})` : t;
      })
      .join(' | ') || 'any'
  );
}

function firstRef(schema: JsonSchema): string | null {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.items) return firstRef(schema.items);
  for (const s of schema.anyOf ?? schema.oneOf ?? []) {
    const r = firstRef(s);
    if (r) return r;
  }
  return null;
}

function notes(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.description) out.push(schema.description);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    out.push(`${schema.minLength ?? 0}–${schema.maxLength ?? '∞'} characters`);
  }
  // zod's int() bounds are the safe-integer range: no news to a reader.
  const min = schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER ? schema.minimum : undefined;
  const max = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  if (min !== undefined || max !== undefined) out.push(`${min ?? '−∞'}–${max ?? '∞'}`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.example !== undefined) out.push(`e.g. ${JSON.stringify(schema.example)}`);
  return out;
}

const isObject = (s: JsonSchema) => (s.type === 'object' || !!s.properties) && !!s.properties;

/** One row per field, nested objects (and arrays of them) flattened as `parent.child` / `parent[].child`. */
export function fieldRows(schema: JsonSchema | undefined, prefix = ''): FieldRow[] {
  if (!schema || !isObject(schema)) return [];
  const rows: FieldRow[] = [];
  for (const [key, child] of Object.entries(schema.properties!)) {
    const name = prefix + key;
    const nestedObject = isObject(child);
    const nestedItems = child.items && isObject(child.items) ? child.items : null;
    rows.push({
      name,
      type: nestedObject ? 'object' : nestedItems ? 'object[]' : typeLabel(child),
      ref: firstRef(child),
      required: schema.required?.includes(key) ?? false,
      notes: notes(child),
    });
    if (nestedObject) rows.push(...fieldRows(child, `${name}.`));
    if (nestedItems) rows.push(...fieldRows(nestedItems, `${name}[].`));
  }
  return rows;
}
