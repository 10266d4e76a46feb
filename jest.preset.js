// Shared jest settings for the TypeScript workspaces: swc compiles (with decorator metadata for
// NestJS and MikroORM) and the contracts package is read from source so tests need no build.
const path = require('node:path');

// Packages that ship only ES modules, which Jest's CommonJS runtime cannot require() before
// Node 24.9: swc compiles them to CommonJS like our own sources.
const ESM_PACKAGES = ['aedes'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript', importAttributes: true }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@wattsup/contracts$': path.join(__dirname, 'contracts/src/index.ts'),
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
