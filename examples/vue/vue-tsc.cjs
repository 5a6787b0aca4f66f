// `vue-tsc` with the arguments given, on TypeScript 6: vue-tsc needs TypeScript's JavaScript API, which the
// workspace's `typescript` (TypeScript 7, a native compiler) no longer has. `@typescript/typescript6` keeps a full
// TypeScript 6 as `@typescript/old`; vue-tsc's `run()` takes the `tsc` to drive.
const { dirname } = require('node:path');
const typescript6 = dirname(require.resolve('@typescript/typescript6/package.json'));
require('vue-tsc').run(require.resolve('@typescript/old/lib/tsc', { paths: [typescript6] }));
