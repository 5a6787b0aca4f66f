import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The <oncue-…> tags are custom elements, not Vue components: Vue sets their properties and listens to their events.
// `base: './'`: the built page works from any folder (the e2e test serves dist/ as it is).
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('oncue-') } } })],
});
