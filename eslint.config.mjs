import next from "eslint-config-next";

// Layer boundaries (HOUSE-STYLE.md): lib/domain is pure; components never reach the database.
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
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db/*", "@/lib/db", "@/lib/generated/*", "**/lib/db/*"], message: "components render; data comes from pages and actions." }] }],
    },
  },
  // Playwright fixtures call their parameter `use`, which is not React's hook.
  { files: ["e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
