import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string) =>
  JSON.parse(readFileSync(path.resolve(`_locales/${locale}/messages.json`), 'utf8')) as Messages;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.includes('.test.') ? [full] : [];
  });
}

describe('locales', () => {
  const en = load('en');
  const ko = load('ko');

  it('Korean has exactly the English keys', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });

  it('placeholders agree between languages', () => {
    for (const key of Object.keys(en)) {
      expect(Object.keys(ko[key]?.placeholders ?? {}).sort(), key).toEqual(
        Object.keys(en[key]?.placeholders ?? {}).sort(),
      );
    }
  });

  it('every literal t("key") in the source exists in English', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.resolve('src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it('every __MSG_ key of the manifest exists', () => {
    const manifest = readFileSync(path.resolve('manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(2);
    for (const key of keys) expect(en[key], key).toBeDefined();
  });
});
