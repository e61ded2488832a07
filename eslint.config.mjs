// ESLint, run by `npm run lint` (part of `npm test`): typescript-eslint's
// type-checked recommended rules on the TypeScript, ESLint's recommended rules
// on the few CommonJS scripts. Switched off, with the reason:
// - no-require-imports: the cdktf workarounds and the tests load CommonJS
//   modules (cdktf internals, scripts/*.js) on purpose; see each call.
// - no-unsafe-assignment in tests: jest's asymmetric matchers are typed `any`.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "cdktf.out/",
      "coverage/",
      ".tmp/",
      "certkit-review/",
      "bench/baseline/",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      // `_name` marks a value left out on purpose (destructuring one key away).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "no-unused-vars": ["error", { varsIgnorePattern: "^_", ignoreRestSiblings: true }] },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
);
