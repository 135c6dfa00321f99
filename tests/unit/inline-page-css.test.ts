import { describe, expect, it } from 'vitest';
import { inlineStylesheets } from '../../scripts/build/inline-page-css';

const page = (head: string) => `<!doctype html><html><head>${head}</head><body></body></html>`;

describe('inlining a page’s stylesheets', () => {
  const sheets: Record<string, string> = {
    'assets/a.css': '.a{color:red}',
    'assets/b.css': '.b{color:blue}',
  };

  it('puts each known sheet in place of its link, in order, and says which', () => {
    const { html, inlined } = inlineStylesheets(
      page(
        '<link rel="stylesheet" crossorigin href="/assets/a.css"><link rel="stylesheet" href="/assets/b.css">',
      ),
      (name) => sheets[name],
    );
    expect(html).toBe(page('<style>.a{color:red}</style><style>.b{color:blue}</style>'));
    expect(inlined).toEqual(['assets/a.css', 'assets/b.css']);
  });

  it('leaves a link it has no sheet for, and one whose text would end the style element', () => {
    const link = '<link rel="stylesheet" crossorigin href="/assets/x.css">';
    const closing = '<link rel="stylesheet" crossorigin href="/assets/evil.css">';
    const { html, inlined } = inlineStylesheets(page(link + closing), (name) =>
      name === 'assets/evil.css' ? 'a{}</style><script>' : undefined,
    );
    expect(html).toBe(page(link + closing));
    expect(inlined).toEqual([]);
  });

  it('keeps script and preload tags as they are', () => {
    const head =
      '<script type="module" crossorigin src="/assets/e.js"></script><link rel="modulepreload" href="/assets/c.js">';
    expect(inlineStylesheets(page(head), (name) => sheets[name]).html).toBe(page(head));
  });
});
