import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { pageFormsDocument, type ApiDocument } from '../src/http/page-forms.ts';

/**
 * The page's stylesheet written into index.html instead of linked: a linked stylesheet holds the
 * first paint until it arrives (one more round trip on a slow link), and the page is short of it.
 * With it inline, the header and the loading sign show as soon as the HTML is in.
 */
function inlineStylesheet(): Plugin {
  return {
    name: 'inline-stylesheet',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {};
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (link, name: string) => {
          const asset = bundle[name];
          if (asset?.type !== 'asset') return link;
          // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
          delete bundle[name];
          return `<style>${String(asset.source).trim()}</style>`;
        });
      },
    },
  };
}

/**
 * What the forms are built from: the page-form part of the API document (openapi/openapi.json,
 * `npm run openapi`), as assets/forms-<hash>.json, its address in the page's
 * `<meta name="page-forms">`: fetched with the first form, kept a year like every hashed asset.
 */
function formsDocument(): Plugin {
  return {
    name: 'page-forms',
    buildStart() {
      const file = join(import.meta.dirname, '..', 'openapi', 'openapi.json');
      this.addWatchFile(file);
      const api = JSON.parse(readFileSync(file, 'utf8')) as ApiDocument;
      this.emitFile({ type: 'asset', name: 'forms.json', source: JSON.stringify(pageFormsDocument(api)) });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const forms = Object.values(ctx.bundle ?? {}).find((f) => f.type === 'asset' && f.names.includes('forms.json'));
        if (forms === undefined) return html;
        return {
          html,
          tags: [{ tag: 'meta', attrs: { name: 'page-forms', content: `/${forms.fileName}` }, injectTo: 'head' }],
        };
      },
    },
  };
}

/**
 * The officials' page: built into web/dist (committed, served by the service at /). Every asset's
 * name carries a hash of its content, so that the service lets browsers keep it a year
 * (src/http/page.ts); a rebuild of unchanged sources gives the same bytes and names
 * (test/web.test.ts checks the committed build is current). What the sign-in does not need
 * (Chart.js, the forms' validator, the identity provider's library) is in chunks of its own,
 * fetched when first used.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  plugins: [formsDocument(), inlineStylesheet()],
  build: {
    outDir: process.env.WEB_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/app-[hash].js',
        // A chunk is named after its module (ajv's is its 2020 draft's).
        chunkFileNames: (chunk) => `assets/${chunk.name === '2020' ? 'ajv' : chunk.name}-[hash].js`,
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
