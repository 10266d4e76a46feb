import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, loadEnv } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => {
  const hubUrl = loadEnv(mode, webDir, '').VITE_HUB_URL || 'http://127.0.0.1:3000';
  const toHub = { target: hubUrl, changeOrigin: true };

  return {
    plugins: [svelte()],
    resolve: {
      // The contracts package publishes compiled CommonJS; the app bundles its TypeScript source.
      alias: {
        '@wattsup/contracts': fileURLToPath(new URL('../contracts/src/index.ts', import.meta.url)),
      },
    },
    server: {
      proxy: {
        '/api': toHub,
        '/tiles': toHub,
        '/health': toHub,
        '/live': { ...toHub, ws: true },
      },
    },
    build: {
      // MapLibre (~1 MB minified) changes far less often than the app: its own cacheable chunk.
      chunkSizeWarningLimit: 1100,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ }],
          },
        },
      },
    },
  };
});
