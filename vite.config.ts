import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './apps/web/build/precompress.ts';

const webRoot = fileURLToPath(new URL('./apps/web', import.meta.url));
// During `npm run dev:web` the API runs separately (npm start); every server URL family is proxied to it.
const api = process.env.SIGMUN_API ?? 'http://localhost:8080';
const proxied = ['/api', '/tiles', '/styles', '/fonts', '/sprites', '/ogcapi', '/docs'];

export default defineConfig({
  root: webRoot,
  base: '/',
  // Pre-compressed .gz/.br beside each asset: the server's @fastify/static sends them as they are.
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified and is loaded as its own lazy chunk; the warning would be noise.
    chunkSizeWarningLimit: 1400,
    assetsInlineLimit: 0,
    // The map page and the ficha print page (rendered to PDF on the server) share the bundle's chunks.
    rollupOptions: { input: { main: `${webRoot}/index.html`, ficha: `${webRoot}/ficha.html` } },
  },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, api])) },
});
