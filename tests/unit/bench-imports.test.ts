import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dynamicImports,
  gzipKb,
  htmlScriptRefs,
  pageScripts,
  staticImports,
  walkImports,
} from '../../scripts/bench/imports';

describe('bench: static imports', () => {
  it('finds minified and formatted static imports and re-exports', () => {
    const source = [
      'import{a as b,c}from"./one.js";import"./two.js";import*as ns from\'./three.js\';',
      'import def, { x } from "./four.js"',
      'export{y}from"./five.js";export*from"./six.js"',
      '/* c */import "./seven.js"',
    ].join('\n');
    expect(staticImports(source).sort()).toEqual(
      ['./five.js', './four.js', './one.js', './seven.js', './six.js', './three.js', './two.js'].sort(),
    );
  });

  it('leaves out dynamic imports, import.meta and the word inside code or strings', () => {
    const source =
      'const m=import("./lazy.js");const u=import.meta.url;' +
      'const h={"options.import":async(e)=>e,x:"y"};a.import("./no.js");const s="import \'./str.js\'"';
    expect(staticImports(source)).toEqual([]);
  });

  it('finds literal dynamic imports apart, as vite writes them', () => {
    const source =
      'const{mountPopup:n}=await e(async()=>{let{mountPopup:e}=await import(`./mount-B.js`).then(x=>x);' +
      'return{mountPopup:e}},__vite__mapDeps([0,1]));const m=import("./lazy.js");import(x);';
    expect(dynamicImports(source)).toEqual(['./mount-B.js', './lazy.js']);
    expect(dynamicImports('import(`./chunk-${name}.js`)')).toEqual([]);
    expect(dynamicImports('await import("./mount-B.js")')).toEqual(['./mount-B.js']);
  });

  it('reads module scripts and modulepreloads from HTML, not stylesheets', () => {
    const html = `<script type="module" crossorigin src="/assets/index.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/chunk.js">
      <link rel="stylesheet" href="/assets/index.css"><script>inline()</script>`;
    expect(htmlScriptRefs(html)).toEqual(['/assets/index.js', '/assets/chunk.js']);
  });
});

describe('bench: import walk', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'bench-imports-'));
    write(
      'src/popup/index.html',
      '<script type="module" src="/assets/entry.js"></script><link rel="modulepreload" href="/assets/pre.js">',
    );
    write('assets/entry.js', 'import{a}from"./shared.js";import"./pre.js";const l=import("./lazy.js");');
    write('assets/pre.js', 'export const p=1;');
    write('assets/shared.js', 'import{b}from"./deep/leaf.js";export const a=b;');
    write('assets/deep/leaf.js', 'import{a}from"../shared.js";export const b=2;');
    write('assets/lazy.js', 'export const z=3;');
    write('loader.js', "import './assets/shared.js';");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const rel = (files: string[]) => files.map((f) => path.relative(root, f)).sort();

  it('follows static imports transitively, once each, cycles included, without the lazy chunk', () => {
    expect(rel(pageScripts(root, 'src/popup/index.html'))).toEqual([
      'assets/deep/leaf.js',
      'assets/entry.js',
      'assets/pre.js',
      'assets/shared.js',
    ]);
    expect(rel(walkImports(root, ['loader.js']))).toEqual([
      'assets/deep/leaf.js',
      'assets/shared.js',
      'loader.js',
    ]);
  });

  it('fails on an import of a missing file rather than undercount', () => {
    write('assets/broken.js', 'import"./gone.js";');
    expect(() => walkImports(root, ['assets/broken.js'])).toThrow(/gone\.js/);
  });

  it('sums each file gzipped at level 9, in KB', () => {
    const files = pageScripts(root, 'src/popup/index.html');
    const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    expect(gzipKb(files)).toBeCloseTo(bytes / 1024, 10);
  });
});
