// ESLint for the Redline frontend: the TypeScript rules and the React hooks
// rules (rules-of-hooks, exhaustive-deps and the React Compiler checks) on
// everything under src/, plain JavaScript rules on the Node tools beside it.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  // Build output, generated Wails bindings and installed packages are not ours to lint.
  { ignores: ['dist/', 'wailsjs/', 'node_modules/'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // A hook's missing dependency is a stale-answer bug waiting to happen: fail, do not warn.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The end-to-end tests and the config files are plain JavaScript run by Node;
    // the tests' page.evaluate callbacks run in the browser, so its globals are known too.
    files: ['e2e/**/*.mjs', '*.config.{js,ts}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['*.config.ts'],
    extends: [tseslint.configs.recommended],
  },
)
