import { describe, expect, it } from 'vitest';
import { curlCommand, exampleValue, shellQuote } from './openapi-example';
import { openApiDocument } from './openapi';

describe('exampleValue', () => {
  it('prefers the schema’s own example, then examples, const, default and enum', () => {
    expect(exampleValue({ type: 'string', example: 'Acme', default: 'x' })).toBe('Acme');
    expect(exampleValue({ type: 'string', examples: ['first', 'second'] })).toBe('first');
    expect(exampleValue({ const: 'fixed' })).toBe('fixed');
    expect(exampleValue({ type: 'integer', default: 20 })).toBe(20);
    expect(exampleValue({ type: 'string', enum: ['owner', 'admin'] })).toBe('owner');
  });

  it('uses the format, and bounds for numbers, when nothing else says', () => {
    expect(exampleValue({ type: 'string', format: 'date-time' })).toBe('2026-01-15T09:30:00.000Z');
    expect(exampleValue({ type: 'string', format: 'email' })).toBe('ada@example.com');
    expect(exampleValue({ type: 'string' })).toBe('string');
    expect(exampleValue({ type: 'integer', minimum: 5, maximum: 10 })).toBe(5);
    expect(exampleValue({ type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER })).toBe(1);
    expect(exampleValue({ type: 'number', maximum: 0.5 })).toBe(0.5);
    expect(exampleValue({ type: 'boolean' })).toBe(true);
  });

  it('builds objects, arrays, maps and nullable values, resolving references', () => {
    const components = { Member: { type: 'object', properties: { email: { type: 'string', format: 'email' }, role: { enum: ['user'] } } } };
    const schema = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/Member' } },
        nextCursor: { type: ['string', 'null'] },
        note: { anyOf: [{ type: 'null' }, { type: 'string', example: 'hi' }] },
        features: { type: 'object', additionalProperties: { type: 'boolean' } },
      },
    };
    expect(exampleValue(schema, components)).toEqual({
      items: [{ email: 'ada@example.com', role: 'user' }],
      nextCursor: 'string',
      note: 'hi',
      features: { key: true },
    });
  });

  it('stops on a schema that refers to itself', () => {
    const components = { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } };
    expect(JSON.stringify(exampleValue({ $ref: '#/components/schemas/Node' }, components))).toContain('"child":null');
  });

  it('gives every operation of the document a JSON-serialisable request and response example', () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>>;
      components: { schemas: Record<string, object> };
    };
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        const body = op.requestBody?.content['application/json']?.schema;
        if (body) expect(exampleValue(body, doc.components.schemas)).toEqual(expect.any(Object));
      }
    }
  });
});

describe('curlCommand', () => {
  it('fills path and required query parameters, sends the bearer token and the JSON body', () => {
    const line = curlCommand({
      baseUrl: 'https://id.example.com/',
      method: 'post',
      path: '/api/admin/organizations/{orgId}/members',
      parameters: [
        { name: 'orgId', in: 'path', required: true, schema: { type: 'string', example: 'org 1' } },
        { name: 'dryRun', in: 'query', required: true, schema: { type: 'boolean' } },
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
      ],
      body: { email: "o'neil@example.com" },
    });
    expect(line).toBe(
      [
        "curl -X POST 'https://id.example.com/api/admin/organizations/org%201/members?dryRun=true'",
        '-H "Authorization: Bearer $TOKEN"',
        "-H 'Content-Type: application/json'",
        `-d '{"email":"o'\\''neil@example.com"}'`,
      ].join(' \\\n  '),
    );
  });

  it('has no body options without a body', () => {
    const line = curlCommand({ baseUrl: 'http://localhost:3000', method: 'get', path: '/api/admin/users' });
    expect(line).toBe(`curl -X GET 'http://localhost:3000/api/admin/users' \\\n  -H "Authorization: Bearer $TOKEN"`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
