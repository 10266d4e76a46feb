// Two projects so that `npm test` runs both: fast unit specs of the pure helpers, and the
// browser test against a real hub serving the built app.
const preset = require('../jest.preset.js');

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      rootDir: __dirname,
      roots: ['<rootDir>'],
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'e2e',
      rootDir: __dirname,
      roots: ['<rootDir>'],
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.cjs',
    },
  ],
};
