import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('./apps/web', import.meta.url));
// During `npm run dev:web` the API runs separately (npm start); every server URL family is proxied to it.
const api = process.env.SIGMUN_API ?? 'http://localhost:8080';
const proxied = ['/api', '/tiles', '/styles', '/fonts', '/sprites', '/ogcapi', '/docs'];

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified and is loaded as its own lazy chunk; the warning would be noise.
    chunkSizeWarningLimit: 1400,
    assetsInlineLimit: 0,
  },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, api])) },
});
