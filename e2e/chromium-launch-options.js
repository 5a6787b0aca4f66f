// Debian's Chromium (installed by .ci/run) as every browser test here launches
// it: headless, with the flags that work as root on these machines (without the
// background-networking ones, Chromium's calls home are refused many at a time).
// Shared by web-test-runner.config.js and the e2e tests.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
