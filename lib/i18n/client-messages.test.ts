import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_NAMESPACES, clientMessages, PAGE_NAMESPACES } from './client-messages';
import { messagesFor } from './messages';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The namespaces client components pass to useTranslations(). */
function clientNamespaces(): Array<[namespace: string, file: string]> {
  const used: Array<[string, string]> = [];
  for (const file of [...sourceFiles('app'), ...sourceFiles('components')]) {
    const text = readFileSync(file, 'utf8');
    if (!/^['"]use client['"]/m.test(text)) continue;
    for (const match of text.matchAll(/useTranslations\(\s*(?:'([^']*)'|"([^"]*)")?\s*\)/g)) used.push([match[1] ?? match[2] ?? '', file]);
  }
  return used;
}

const covered = (namespace: string, listed: readonly string[]) => listed.some((l) => namespace === l || namespace.startsWith(`${l}.`));
/** Where components/console-messages.tsx sends every client namespace; elsewhere only PAGE_NAMESPACES arrive. */
const CONSOLES = /^(app\/account|app\/org\/\[orgId\]|app\/admin\/\(console\)|components\/(account|org)\/)/;

describe('messages sent to the browser', () => {
  it('cover every namespace a client component uses', () => {
    const uncovered = clientNamespaces().filter(([namespace]) => !covered(namespace, CLIENT_NAMESPACES));
    expect(uncovered).toEqual([]);
  });

  it('outside the consoles, the root layout\u2019s namespaces cover every client component', () => {
    const uncovered = clientNamespaces().filter(([namespace, file]) => !CONSOLES.test(file) && !covered(namespace, PAGE_NAMESPACES));
    expect(uncovered).toEqual([]);
  });

  it('keep the listed subtrees whole and nothing else', () => {
    const messages = messagesFor('fr');
    const picked = clientMessages(messages, ['common', 'account.nav']);
    expect(picked).toEqual({ common: messages.common, account: { nav: messages.account.nav } });
  });

  it('every listed namespace exists', () => {
    const picked = clientMessages(messagesFor('en')) as Record<string, Record<string, unknown>>;
    const missing = CLIENT_NAMESPACES.filter((path) => path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], picked) === undefined);
    expect(missing).toEqual([]);
  });
});
