// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { BOUNDARY_ZONES } from "./eslint-boundaries.js";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "coverage/**",
      "dist/**",
      "eslint.config.js",
      "eslint-boundaries.js",
      "examples/downstream/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: BOUNDARY_ZONES }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "TSEnumDeclaration", message: "Use an `as const` table instead of enum." },
      ],
    },
  },
  {
    // The dashboard's browser modules: plain ES modules served as they are, no build step.
    files: ["dashboard/static/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: "module",
      globals: Object.fromEntries(
        ["document", "window", "location", "fetch", "setTimeout", "Node", "structuredClone", "URL"].map(
          (name) => [name, "readonly"],
        ),
      ),
    },
  },
  {
    // Node's globals in the plain-JavaScript scripts (build, bin, the soak's memory probe) are checked
    // by tsc (checkJs), and JSON.parse or a dynamic import is typed by a JSDoc cast, which the
    // unsafe-any rules don't see.
    files: ["scripts/**/*.js", "bin/**/*.js", "bench/**/*.js"],
    rules: { "no-undef": "off", "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    files: ["**/*.test.ts", "**/*.case.ts", "test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
