// Re-exports the `xpath` package under hand-written types (xpath-package.d.ts). Its own typings
// load TypeScript's DOM lib, which would let DOM globals type-check in the runtime-neutral build
// (tsconfig.core.json); importing it through this file keeps them out of the program.
export { default } from 'xpath';
