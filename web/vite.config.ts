// Vite configuration: Preact, output to web/dist (served by `antq serve --web-root web/dist`),
// and a dev proxy that forwards /api to a running ANTQ server (ANTQ_API, default 127.0.0.1:8080).
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

const api = process.env.ANTQ_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
