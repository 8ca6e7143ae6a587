import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * src/boot.ts is an entry of its own, put first in index.html's <head> (with modulepreload links for what
 * it imports): it starts the route's data requests while the main entry (React, the app) still downloads
 * and compiles, instead of after. Vite would fold a second <script type=module> of index.html into the
 * main entry, so it is added here, after the build has named its chunks.
 */
function bootFirst(): Plugin {
  return {
    name: 'luoshi:boot-first',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        let src = '/src/boot.ts';
        let preloads: string[] = [];
        if (!ctx.server) {
          const boot = Object.values(ctx.bundle ?? {}).find(
            (c) => c.type === 'chunk' && c.isEntry && c.name === 'boot',
          );
          if (!boot || boot.type !== 'chunk') throw new Error('no boot chunk in the bundle');
          src = `/${boot.fileName}`;
          preloads = boot.imports.filter((file) => !html.includes(`/${file}"`));
        }
        // Before the entry's own <script type=module>: module scripts run in document order.
        const entry = html.indexOf('<script type="module"');
        if (entry < 0) throw new Error('no module script in index.html');
        const tags = [
          `<script type="module" crossorigin src="${src}"></script>`,
          ...preloads.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
        ];
        return `${html.slice(0, entry)}${tags.join('\n    ')}\n    ${html.slice(entry)}`;
      },
    },
  };
}

/** What is worth compressing: text, of at least 1 KB (below that the headers outweigh the gain). */
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
const MIN_BYTES = 1024;

/**
 * Writes `file.br` (quality 11) and `file.gz` (level 9) beside every compressible file of the build,
 * once, so the server picks one by Accept-Encoding (apps/web/server/serve-console.ts) and never
 * compresses an asset per request. Only where it makes the file smaller.
 */
function precompress(): Plugin {
  return {
    name: 'luoshi:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(name) || name.startsWith('.vite/')) continue;
        const path = join(options.dir!, name);
        const content = readFileSync(path);
        if (content.length < MIN_BYTES) continue;
        const br = brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        });
        const gz = gzipSync(content, { level: 9 });
        if (br.length < content.length) writeFileSync(`${path}.br`, br);
        if (gz.length < content.length) writeFileSync(`${path}.gz`, gz);
      }
    },
  };
}

/**
 * The console: built to dist/web, served by the API at `/` (apps/api/src/bootstrap.ts).
 * Nothing is loaded from a CDN: fonts are the system's, icons are inline SVG, all code is bundled.
 * JSX goes through Vite's own transform (automatic runtime); no React plugin is needed to build.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [bootFirst(), precompress()],
  build: {
    outDir: `${here}../../dist/web`,
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { index: `${here}index.html`, boot: `${here}src/boot.ts` },
      output: {
        codeSplitting: {
          groups: [
            // React itself in a chunk of its own: it changes far less often than the app, so stays cached.
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // boot.ts and what it imports in one file: one request before the route's data is asked for.
            {
              name: 'boot',
              test: /[\\/]src[\\/](boot|route-data|graphql|auth[\\/]stored-session|api[\\/](client|prefetch)|pages[\\/]leader[\\/]plans-query)\.tsx?$|[\\/]node_modules[\\/](gql\.tada|@0no-co)[\\/]/,
            },
          ],
        },
      },
      // Ant Design marks its modules "use client" (for React Server Components); meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/graphql': 'http://localhost:3000',
      '/exports': 'http://localhost:3000',
      '/imports': 'http://localhost:3000',
      '/uploads': 'http://localhost:3000',
      '/files': 'http://localhost:3000',
    },
  },
});
