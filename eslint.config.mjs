import next from "eslint-config-next";

// Layer boundaries (HOUSE-STYLE.md): lib/domain is pure; services run outside Next too (the job
// worker); components render and never reach the database or a service.
const framework = ["@prisma/*", "next", "next/*", "react", "react-dom", "server-only", "@/lib/db/*", "@/lib/generated/*", "@/lib/services/*"];

const config = [
  ...next,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: framework, message: "lib/domain is pure: no framework, no I/O." }, { group: ["../db/*", "../services/*", "../generated/*"], message: "lib/domain is pure." }] }],
    },
  },
  {
    files: ["lib/services/**/*.ts", "lib/jobs/**/*.ts", "lib/infra/**/*.ts", "lib/db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "next-intl", "next-intl/*", "react", "react-dom"], message: "services, jobs and the database layer run outside Next (the job worker): no Next, no React." }] }],
    },
  },
  {
    // Jobs call services, never the reverse: change() hands committed activities to the outbox
    // (lib/services/outbox.ts), which the queue registers itself with.
    files: ["lib/services/**/*.ts", "lib/db/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "next-intl", "next-intl/*", "react", "react-dom"], message: "services, jobs and the database layer run outside Next (the job worker): no Next, no React." },
            { group: ["@/lib/jobs/*", "@/lib/jobs", "../jobs/*", "**/lib/jobs/*"], message: "services never import the job queue: change() publishes through lib/services/outbox.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/db/*", "@/lib/db", "@/lib/generated/*", "**/lib/db/*", "@/lib/services/*", "@/lib/jobs/*", "**/lib/services/*"], message: "components render; data comes from pages and actions." }] },
      ],
    },
  },
  {
    // Pages, layouts and route handlers read through services, which check the permission of what they read.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db/*", "@/lib/db", "**/lib/db/*"], message: "pages and layouts read through lib/services, not lib/db." }] }],
    },
  },
  // Playwright fixtures call their parameter `use`, which is not React's hook.
  { files: ["e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
