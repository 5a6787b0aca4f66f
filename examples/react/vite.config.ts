import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'`: the built page works from any folder (the e2e test serves dist/ as it is).
export default defineConfig({ base: './', plugins: [react()] });
