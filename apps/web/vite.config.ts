import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Two pages: the console (index.html) and GraphiQL (graphiql.html), each its own entry so that GraphiQL's editor
 * never loads with the console. No React plugin: esbuild compiles JSX (automatic runtime) and the console has no
 * need for fast refresh. Everything is bundled: the console works offline and under a same-origin-only CSP
 * (no inline script; Vite's module preload helper lives in the chunks).
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // GraphiQL's bundle is big by nature; it loads only on /graphiql.
    chunkSizeWarningLimit: 2500,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // Radix (inside GraphiQL) marks its modules "use client" for React Server Components; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        main: `${root}index.html`,
        graphiql: `${root}graphiql.html`,
      },
      // React is shared by both pages: one chunk named for what it is, cached across them.
      output: { manualChunks: (id) => (/node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined) },
    },
  },
  server: {
    // `npx vite` in apps/web during development: the API on :4000 serves /graphql (and its WebSocket).
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
