import { describe, expect, it } from 'vitest';
import { InvalidRequest } from './errors';
import { decodeFormUrlencoded } from './form-urlencoded';
import { bearerToken, formParams, Params, RepeatedParameter, requestParams } from './request';

const form = (body: BodyInit, type = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}) =>
  new Request('https://portal.example/oauth/token', { method: 'POST', body, headers: { 'content-type': type, ...headers } });

describe('Params', () => {
  it('reads each parameter once', () => {
    const params = Params.from(new URLSearchParams('grant_type=client_credentials&scope=a%20b'));
    expect(params.get('grant_type')).toBe('client_credentials');
    expect(params.require('scope')).toBe('a b');
    expect(params.has('code')).toBe(false);
  });

  it('refuses a repeated parameter with invalid_request naming it', () => {
    const attempt = () => Params.from(new URLSearchParams('scope=a&code=x&scope=b'));
    expect(attempt).toThrow(RepeatedParameter);
    expect(attempt).toThrow(/"scope" is included more than once/);
    try {
      attempt();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRequest);
      expect((err as InvalidRequest).error).toBe('invalid_request');
      expect((err as InvalidRequest).status).toBe(400);
    }
  });

  it('refuses a repeated parameter even when the values are equal or one is empty', () => {
    expect(() => Params.from(new URLSearchParams('state=s&state=s'))).toThrow(RepeatedParameter);
    expect(() => Params.from(new URLSearchParams('state=&state=s'))).toThrow(RepeatedParameter);
    expect(() => Params.from(new URLSearchParams('state=s&state='))).toThrow(RepeatedParameter);
  });

  it('tells which parameters were sent once when one is repeated', () => {
    try {
      Params.from(new URLSearchParams('client_id=c&state=1&state=2&redirect_uri=https%3A%2F%2Frp%2Fcb'));
      expect.unreachable();
    } catch (err) {
      const repeated = err as RepeatedParameter;
      expect(repeated.parameter).toBe('state');
      expect(repeated.sentOnce.get('client_id')).toBe('c');
      expect(repeated.sentOnce.get('redirect_uri')).toBe('https://rp/cb');
      expect(repeated.sentOnce.has('state')).toBe(false);
    }
  });

  it('treats a parameter without a value as omitted (RFC 6749 §3.1)', () => {
    const params = Params.from(new URLSearchParams('scope=&state&nonce=n'));
    expect(params.has('scope')).toBe(false);
    expect(params.get('state')).toBeUndefined();
    expect(() => params.require('scope')).toThrow('Missing parameter "scope".');
    expect([...params.entries()]).toEqual([['nonce', 'n']]);
  });
});

describe('decodeFormUrlencoded', () => {
  it('decodes + as space and percent-escapes as UTF-8', () => {
    expect(decodeFormUrlencoded('a=x+y&b=%C3%A9t%C3%A9&c')).toEqual([
      ['a', 'x y'],
      ['b', 'été'],
      ['c', ''],
    ]);
  });

  it('skips empty pairs and keeps "=" inside values', () => {
    expect(decodeFormUrlencoded('&a=b=c&&')).toEqual([['a', 'b=c']]);
  });

  it('refuses a stray or truncated percent escape', () => {
    expect(() => decodeFormUrlencoded('a=%zz')).toThrow(InvalidRequest);
    expect(() => decodeFormUrlencoded('a=100%')).toThrow(InvalidRequest);
    expect(() => decodeFormUrlencoded('a%=1')).toThrow(InvalidRequest);
  });

  it('refuses escapes that are not UTF-8, and raw bytes that are not UTF-8', () => {
    expect(() => decodeFormUrlencoded('a=%C3')).toThrow(InvalidRequest);
    expect(() => decodeFormUrlencoded(new Uint8Array([0x61, 0x3d, 0xff]))).toThrow(InvalidRequest);
  });
});

describe('formParams', () => {
  it('parses an x-www-form-urlencoded body, charset parameter allowed', async () => {
    const params = await formParams(form('grant_type=refresh_token', 'application/x-www-form-urlencoded; charset=UTF-8'));
    expect(params.get('grant_type')).toBe('refresh_token');
  });

  it('refuses JSON and a missing content type', async () => {
    await expect(formParams(form('{"grant_type":"x"}', 'application/json'))).rejects.toThrow(/Content-Type/);
    const untyped = new Request('https://portal.example/oauth/token', { method: 'POST', body: new Uint8Array([0x61]) });
    await expect(formParams(untyped)).rejects.toBeInstanceOf(InvalidRequest);
  });

  it('refuses a body over 64 KiB, whether declared or streamed', async () => {
    const big = `a=${'x'.repeat(64 * 1024)}`;
    await expect(formParams(form(big))).rejects.toThrow('Request body is too large.');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(4096)));
        controller.close();
      },
    });
    const streamed = new Request('https://portal.example/oauth/token', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      duplex: 'half',
    } as RequestInit);
    await expect(formParams(streamed)).rejects.toThrow('Request body is too large.');
  });

  it('accepts a body of exactly 64 KiB', async () => {
    const params = await formParams(form(`a=${'x'.repeat(64 * 1024 - 2)}`));
    expect(params.get('a')).toHaveLength(64 * 1024 - 2);
  });

  it('refuses a malformed body', async () => {
    await expect(formParams(form('grant_type=%E0%A4%A'))).rejects.toThrow(/not validly form-encoded/);
  });
});

describe('requestParams', () => {
  it('reads the query of a GET strictly, repeated parameters included', async () => {
    const get = (q: string) => requestParams(new Request(`https://portal.example/oauth/authorize?${q}`));
    expect((await get('client_id=c&scope=openid+email')).get('scope')).toBe('openid email');
    await expect(get('state=a&state=b')).rejects.toBeInstanceOf(RepeatedParameter);
    await expect(get('state=%')).rejects.toBeInstanceOf(InvalidRequest);
  });
});

describe('bearerToken', () => {
  const withAuth = (value?: string) =>
    new Request('https://portal.example/oauth/userinfo', { headers: value ? { authorization: value } : {} });

  it('takes the token from an Authorization: Bearer header', () => {
    expect(bearerToken(withAuth('Bearer abc.def-ghi_~+/=='))).toBe('abc.def-ghi_~+/==');
    expect(bearerToken(withAuth('bearer abc'))).toBe('abc');
  });

  it('ignores other schemes, empty and malformed tokens', () => {
    expect(bearerToken(withAuth())).toBeNull();
    expect(bearerToken(withAuth('Basic YTpi'))).toBeNull();
    expect(bearerToken(withAuth('Bearer '))).toBeNull();
    expect(bearerToken(withAuth('Bearer a b'))).toBeNull();
  });
});
