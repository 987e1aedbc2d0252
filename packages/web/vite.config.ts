import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every KPI page needs the charts (ECharts is most of the main chunk); only the attribution and
    // custom dashboard pages are split off.
    chunkSizeWarningLimit: 1200,
  },
});
