// ESLint flat config: Next's rules (core web vitals + TypeScript) plus the project's own
// boundaries. `npm run lint` runs it; `npm test` (and so CI) fails on any error or warning.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const simulatorImport = {
  group: ["**/ezeep-simulator", "**/ezeep-simulator/**", "@/lib/ezeep-simulator", "@/lib/ezeep-simulator/**"],
  message: "The ezeep simulator is a test and demo stand-in: portal code must not import it.",
};

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      "screenshots/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "no-nested-ternary": "error",
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    // Small units a reviewer can hold in their head: split by use case, not by scrolling.
    files: ["app/**", "lib/**", "scripts/**", "instrumentation.ts"],
    rules: {
      "max-lines-per-function": ["warn", { max: 60, skipBlankLines: true, skipComments: true }],
      "max-lines": ["warn", { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Portal code (pages, route handlers, libraries) never reaches into the simulator.
    files: ["app/**", "lib/**", "instrumentation.ts"],
    ignores: ["lib/ezeep-simulator/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [simulatorImport] }],
    },
  },
  {
    // Configuration comes from the one validated module (lib/env.ts: zod, defaults, fails at
    // start); scripts, tests and config files may read the environment directly.
    files: ["app/**", "lib/**", "instrumentation.ts"],
    ignores: ["lib/env.ts", "lib/ezeep-simulator/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through env() from lib/env.ts (add the variable to its schema).",
        },
      ],
    },
  },
  {
    // Every text a person reads comes from the message catalogue (lib/i18n): no bare text in JSX.
    // Props (aria-label, placeholder, title) are checked by review and the German e2e specs.
    files: ["app/**/*.tsx", "lib/**/*.tsx"],
    ignores: ["lib/ezeep-simulator/**"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: true,
          ignoreProps: true,
          allowedStrings: [
            "·",
            "—",
            "–",
            "…",
            "/",
            "(",
            ")",
            ":",
            "%",
            "×",
            "→",
            "←",
            "*",
            "|",
            "+",
            "-",
            "#",
          ],
        },
      ],
    },
  },
  {
    // Vitest fixtures are named use…; they are not React hooks.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
