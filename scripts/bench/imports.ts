import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Scripts an HTML page loads: `<script src>` and `<link rel="modulepreload" href>`, as written
 * (absolute `/…` paths are relative to the build root, others to the page).
 */
export function htmlScriptRefs(html: string): string[] {
  const refs: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
        .exec(tag)
        ?.slice(1)
        .find(Boolean);
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) refs.push(src);
    } else if (/^modulepreload$/i.test(attr('rel') ?? '')) {
      const href = attr('href');
      if (href) refs.push(href);
    }
  }
  return refs;
}

/**
 * Static imports of an ES module, minified or not: `import … from "x"`, `import "x"`,
 * `export … from "x"`. They are top-level statements, so each starts the file or follows `;`, `}`,
 * a line break or a comment (which keeps `a.import("x")` and the word inside strings out). Dynamic
 * `import("x")` is left out: it is not loaded up front.
 */
export function staticImports(source: string): string[] {
  const out = new Set<string>();
  const start = String.raw`(?:^|[;}\n]|\*\/)\s*`;
  const patterns = [
    new RegExp(String.raw`${start}import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"'\n]+)["']`, 'g'),
    new RegExp(
      String.raw`${start}export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"'\n]+)["']`,
      'g',
    ),
  ];
  for (const re of patterns) {
    for (const m of source.matchAll(re)) out.add(m[1]!);
  }
  return [...out];
}

/** Dynamic `import("x")` with a literal specifier: code a page loads later, after its first frame. */
export function dynamicImports(source: string): string[] {
  return [...new Set([...source.matchAll(/\bimport\(\s*["'`]([^"'`$\n]+)["'`]\s*\)/g)].map((m) => m[1]!))];
}

function resolveRef(root: string, fromFile: string, ref: string): string | undefined {
  if (/^[a-z][\w+.-]*:/i.test(ref)) return undefined; // chrome-extension:, https:, data:
  const clean = ref.split(/[?#]/)[0]!;
  const full = clean.startsWith('/') ? path.join(root, clean) : path.resolve(path.dirname(fromFile), clean);
  return full;
}

/**
 * Every JavaScript file reachable from `entries` through static imports, within `root`.
 * Throws when an import points at a file that is not there (the walk would undercount).
 */
export function walkImports(
  root: string,
  entries: readonly string[],
  { dynamic = false }: { dynamic?: boolean } = {},
): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => path.resolve(root, e));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`missing module ${path.relative(root, file)}`);
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const ref of [...staticImports(source), ...(dynamic ? dynamicImports(source) : [])]) {
      const next = resolveRef(root, file, ref);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return [...seen].sort();
}

/** The JavaScript an HTML page of the build loads up front (`dynamic`: and later, through import()). */
export function pageScripts(root: string, htmlPath: string, options: { dynamic?: boolean } = {}): string[] {
  const htmlFile = path.resolve(root, htmlPath);
  const entries = htmlScriptRefs(readFileSync(htmlFile, 'utf8'))
    .map((ref) => resolveRef(root, htmlFile, ref))
    .filter((f): f is string => f !== undefined);
  if (entries.length === 0) throw new Error(`${htmlPath} loads no script`);
  return walkImports(root, entries, options);
}

/** Sum of each file gzipped on its own (zlib level 9), in KB (1,024 bytes). */
export function gzipKb(files: readonly string[]): number {
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return bytes / 1024;
}
