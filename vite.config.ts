/** Builds the storefront (/store) and the console (/console) into dist/web, served by `daogou serve`. */
import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, 'web');
const api = process.env.DAOGOU_API ?? 'http://127.0.0.1:7070';

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  resolve: {
    // The storefront uses the SDK exactly as a merchant would, but from source so one build covers both.
    alias: { '@daogou/sdk': path.resolve(import.meta.dirname, 'packages/sdk/src/index.ts') },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      input: {
        store: path.join(root, 'store/index.html'),
        console: path.join(root, 'console/index.html'),
      },
    },
  },
  server: {
    // `npm run dev:web` serves the pages with hot reload and forwards the API to a running `daogou serve`.
    proxy: Object.fromEntries(['/v1', '/store/config.json'].map((prefix) => [prefix, api])),
  },
});
