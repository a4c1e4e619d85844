// ESLint flat config: the recommended JavaScript and TypeScript rules everywhere, React and
// React Hooks rules on JSX files, and eslint-config-prettier last so formatting is Prettier's
// alone (`npm run lint` runs both; `npm run format` rewrites). The typescript-eslint rules are
// the syntactic "recommended" set, not the type-checked one, so linting stays fast.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "build/",
    "coverage/",
    "tmp/",
    "**/.cache/",
    "**/.shopify/",
    "app/types/admin.generated.ts",
    "emulator/schema/",
    "tests/fixtures/",
    "tests/e2e/screenshots/",
    "extensions/*/dist/",
  ]),
  {
    files: ["**/*.{js,ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The convention tsc's noUnusedParameters already follows: a leading underscore marks a
      // binding kept on purpose (a mock's typed parameters, a property left out of a rest).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // The emulator's resolvers take the arguments graphql-js has already validated against
    // Shopify's real schema, and its tests read the GraphQL and webhook JSON it answers with:
    // untyped by nature, and their shape is what the tests assert.
    files: ["emulator/graphql/**/*.ts", "tests/emulator/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The admin's pages render on the server and in the browser; the extensions run in
    // Shopify's browser sandbox. Both are JSX: React in app/, Preact (jsxImportSource) in
    // extensions/ and their tests, which the React rules below fit as well.
    files: ["app/**/*.tsx", "extensions/**/*.tsx", "tests/**/*.tsx"],
    extends: [react.configs.flat.recommended, react.configs.flat["jsx-runtime"], reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: "detect" } },
    rules: {
      // Props are typed by TypeScript, not by runtime propTypes.
      "react/prop-types": "off",
    },
  },
  prettier,
);
