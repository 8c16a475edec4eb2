import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => `${import.meta.dirname}/${path}`;

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      // Radix's scroll lock injects <style> tags, which the served mode's CSP (style-src 'self') refuses.
      'react-style-singleton': here('./src/vendor/csp-style-singleton.ts'),
    },
  },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
