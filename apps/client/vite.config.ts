import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The browser client. The server serves the build at /app/* (apps/server/src/client-pages), so
 * every asset URL starts with /app/. No React Fast Refresh: the client is built, not served by
 * Vite, and oxc compiles TSX with the automatic runtime on its own.
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: here('public'),
  resolve: {
    alias: { '@poker/shared': here('../../libs/shared/src/index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/apps/client'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
