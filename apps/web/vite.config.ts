import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

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
  build: {
    outDir: `${here}../../dist/web`,
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components); meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:3000', '/exports': 'http://localhost:3000' } },
});
