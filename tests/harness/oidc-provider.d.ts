// What tests/harness/upstream-idp.ts uses of oidc-provider, on top of bench/oidc-provider.d.ts:
// ambient declarations of one module merge, so the default export's interface extends the bench's class.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type InteractionResult =
    | { login: { accountId: string; amr?: string[]; acr?: string }; consent: { grantId: string } }
    | { error: string; error_description?: string };

  interface Interaction {
    uid: string;
    params: Record<string, unknown> & { client_id: string; scope?: string };
    prompt: { name: string; details: { missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
    /** The browser's existing session, if any: `cookie` is its id. */
    session?: { accountId: string; uid?: string; cookie?: string };
    exp: number;
    save(ttlSeconds: number): Promise<string>;
  }

  interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  interface Client {
    redirectUriAllowed(uri: string): boolean;
  }

  export default interface Provider {
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: new (properties: { accountId: string; clientId: string }) => Grant;
    Client: { prototype: Client };
    Session: { find(id: string): Promise<{ destroy(): Promise<void> } | undefined> };
  }

  class Check {
    static readonly REQUEST_PROMPT: true;
    static readonly NO_NEED_TO_PROMPT: false;
    constructor(reason: string, description: string, check: (ctx: { oidc: { result?: { login?: unknown } } }) => boolean);
  }

  interface Prompt {
    name: string;
    checks: Check[];
  }

  export const interactionPolicy: {
    Check: typeof Check;
    base(): Prompt[] & { get(name: string): Prompt | undefined };
  };
}

declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  /** The in-memory adapter oidc-provider falls back to, minus the warning it prints when it does. */
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => unknown;
}
