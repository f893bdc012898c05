// Builds the web app into dist/web (served by `ferry start` at /) and prints its first-load size against the budget.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { firstLoadBudget } from './first-load-budget.js';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), firstLoadBudget(300 * 1024)],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The app is served by ferry itself; nothing is loaded from elsewhere.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `vite --config web/vite.config.ts` beside a running ferry: the API, the tracking API and OAuth stay on ferry.
    proxy: Object.fromEntries(['/api', '/v1', '/oauth', '/analytics.js', '/analytics-next', '/metrics'].map((path) => [path, 'http://127.0.0.1:4000'])),
  },
});
