/** Builds the storefront (/store) and the console (/console) into dist/web, served by `daogou serve`. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = path.resolve(import.meta.dirname, 'web');
const api = process.env.DAOGOU_API ?? 'http://127.0.0.1:7070';

/** Writes .br and .gz next to each script and style sheet, which the server sends to browsers that accept them. */
function precompress(outDir: string): Plugin {
  return {
    name: 'daogou-precompress',
    apply: 'build',
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const file = path.join(assets, name);
        const data = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        );
      }
    },
  };
}

const outDir = path.resolve(import.meta.dirname, 'dist/web');

export default defineConfig({
  plugins: [precompress(outDir)],
  root,
  base: '/',
  publicDir: false,
  resolve: {
    // The storefront uses the SDK exactly as a merchant would, but from source so one build covers both.
    alias: { '@daogou/sdk': path.resolve(import.meta.dirname, 'packages/sdk/src/index.ts') },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir,
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
