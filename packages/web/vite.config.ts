import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts is loaded by charts/EChart.tsx as a chunk of its own, beside the first API requests.
    chunkSizeWarningLimit: 700,
  },
});
