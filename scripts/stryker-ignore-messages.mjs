// A Stryker ignorer (stryker.config.mjs, `ignorers: ["domain-messages"]`): the wording of the domain's
// EN/FR sentences is not a rule. Mutants inside a `msg(...)` call, an `{ en, fr }` literal or the text
// of a thrown Error are reported as ignored instead of being run; the figures a message names are
// still checked by the tests (rules.test.ts: every violation's message contains its limit and actual).
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

const isEnFr = (node) =>
  node.type === "ObjectExpression" &&
  node.properties.length === 2 &&
  node.properties.every((p) => p.type === "ObjectProperty" && p.key.type === "Identifier" && (p.key.name === "en" || p.key.name === "fr"));

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "domain-messages", {
    shouldIgnore(path) {
      const node = path.node;
      if (node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "msg") return "EN/FR message wording";
      if (isEnFr(node)) return "EN/FR message wording";
      if (node.type === "NewExpression" && node.callee.type === "Identifier" && /Error$/.test(node.callee.name)) return "the text of a thrown error";
      return undefined;
    },
  }),
];
