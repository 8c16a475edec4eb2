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
    rolldownOptions: {
      output: {
        // A light first load: the sign-in page's code is one chunk (what the entry imports statically);
        // each signed-in page is its own chunk (React.lazy in App.tsx), and what pages share goes into
        // two chunks (icons, shared) instead of dozens of tiny ones. The designer's and the Guardian's
        // libraries (React Flow, recharts, d3) stay with the page that needs them.
        codeSplitting: {
          groups: [
            { name: 'boot', tags: ['$initial'], priority: 3 },
            { name: 'icons', test: /[\\/]node_modules[\\/]lucide-react[\\/]/, priority: 2 },
            {
              name: 'shared',
              test: (id) =>
                !/[\\/]node_modules[\\/](d3-[^\\/]+|@xyflow|@dagrejs|recharts|victory-vendor)[\\/]/.test(id),
              minShareCount: 2,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
