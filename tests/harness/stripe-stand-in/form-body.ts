/** A decoded Stripe request body or query: the SDK's `a[b][0][c]=v` pairs as nested objects and arrays. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/**
 * Un-flattens bracket notation the way Stripe reads it: `metadata[org_id]=x` → `{metadata:{org_id:'x'}}`,
 * `line_items[0][price]=p` → `{line_items:[{price:'p'}]}`, `expand[]=a&expand[]=b` → `{expand:['a','b']}`.
 */
export function parseFormBody(text: string): FormParams {
  const root: FormParams = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const [head, ...rest] = keyPath(key);
    if (!head) continue;
    assign(root, head, rest, value);
  }
  return root;
}

function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const segments = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) segments.push(match[1] ?? '');
  return segments;
}

function assign(container: FormParams | FormValue[], segment: string, rest: string[], value: string): void {
  const [next, ...tail] = rest;
  if (next === undefined) {
    if (!Array.isArray(container)) container[segment] = value;
    else if (segment === '') container.push(value);
    else container[Number(segment)] = value;
    return;
  }
  const wantsArray = next === '' || /^\d+$/.test(next);
  if (Array.isArray(container)) {
    // `[]` always appends; `[3]` addresses one element, so later `[3][x]` pairs extend the same object.
    const index = segment === '' ? container.length : Number(segment);
    container[index] = childOf(container[index], wantsArray);
    assign(container[index] as FormParams | FormValue[], next, tail, value);
    return;
  }
  const child = childOf(container[segment], wantsArray);
  container[segment] = child;
  assign(child, next, tail, value);
}

function childOf(existing: FormValue | undefined, wantsArray: boolean): FormParams | FormValue[] {
  if (wantsArray && Array.isArray(existing)) return existing;
  if (!wantsArray && existing && typeof existing === 'object' && !Array.isArray(existing)) return existing;
  return wantsArray ? [] : {};
}

export function text(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

export function nested(params: FormParams, name: string): FormParams | undefined {
  const value = params[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** An array parameter; holes left by sparse indexes (`items[1]` without `items[0]`) are dropped. */
export function list(params: FormParams, name: string): FormValue[] {
  const value = params[name];
  return Array.isArray(value) ? value.filter((v) => v !== undefined) : [];
}

export function flag(params: FormParams, name: string): boolean | undefined {
  const value = text(params, name);
  return value === undefined ? undefined : value === 'true';
}
