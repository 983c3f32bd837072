import { defineConfig } from 'vite';

/**
 * The officials' page: built into web/dist (committed, served by the service at /). Fixed file
 * names, so that the service serves a known set of files and a rebuild of unchanged sources gives
 * the same bytes (test/web.test.ts checks the committed build is current).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: process.env.WEB_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/app.js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
