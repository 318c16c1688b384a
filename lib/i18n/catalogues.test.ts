import { describe, expect, it } from 'vitest';
import { messagesFor } from './messages';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses: {name}, {count, plural, ...}. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

describe('message catalogues', () => {
  const en = leaves(messagesFor('en') as unknown as Tree);
  const fr = leaves(messagesFor('fr') as unknown as Tree);

  it('French has every English message and no other', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('each French message uses the same arguments as its English one', () => {
    const mismatched = [...en].filter(([key, message]) => fr.has(key) && argumentsOf(fr.get(key)!).join() !== argumentsOf(message).join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('no message is empty', () => {
    expect([...en, ...fr].filter(([, m]) => !m.trim()).map(([k]) => k)).toEqual([]);
  });
});
