// The plain <oncue-…> tags in JSX, typed from the generated oncue-jsx.d.ts (React 19 sets their properties itself).
import type { CustomElements } from './oncue-jsx.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
