import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;

const STYLESHEET = /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g;

/**
 * Replaces the stylesheet links of `html` with the sheets themselves. A linked sheet holds back a
 * module script until it has loaded (measured: about 20 ms of the popup's ~100 ms opening), and an
 * extension page may carry inline styles: MV3's policy restricts scripts and objects, not styles.
 * Returns the new page and the sheets it took in.
 */
export function inlineStylesheets(
  html: string,
  cssOf: (fileName: string) => string | undefined,
): { html: string; inlined: string[] } {
  const inlined: string[] = [];
  const out = html.replace(STYLESHEET, (link, fileName: string) => {
    const css = cssOf(fileName);
    if (css === undefined || css.includes('</style')) return link;
    inlined.push(fileName);
    return `<style>${css}</style>`;
  });
  return { html: out, inlined };
}

/** The text of a CSS asset in the bundle, if there is one by that name. */
function cssAsset(bundle: OutputBundle, fileName: string): string | undefined {
  const asset = bundle[fileName];
  if (asset?.type !== 'asset') return undefined;
  return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
}

/** Whether any other file of the bundle names `fileName` (another page's link, a chunk's preload list). */
function namedElsewhere(bundle: OutputBundle, fileName: string, except: string[]): boolean {
  const base = fileName.split('/').pop()!;
  return Object.values(bundle).some((file) => {
    if (file.fileName === fileName || except.includes(file.fileName)) return false;
    const text = file.type === 'chunk' ? file.code : typeof file.source === 'string' ? file.source : '';
    return text.includes(base);
  });
}

/** A build step that inlines the stylesheets of the given pages (their paths in the output). */
export function inlinePageCss(pages: string[]): Plugin {
  return {
    name: 'cloud-access:inline-page-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const page of pages) {
        const file = bundle[page];
        if (file?.type !== 'asset' || typeof file.source !== 'string') continue;
        const { html, inlined } = inlineStylesheets(file.source, (name) => cssAsset(bundle, name));
        file.source = html;
        for (const name of inlined) if (!namedElsewhere(bundle, name, pages)) delete bundle[name];
      }
    },
  };
}
