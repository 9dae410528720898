import { describe, test, expect } from "vitest";
import { negotiateLocale, toLocale } from "./config";

describe("locale negotiation", () => {
  test.each([
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["en-GB,en;q=0.9", "en"],
    ["de-DE,fr;q=0.5", "fr"],
    ["de-DE", "en"],
    [null, "en"],
  ])("%s → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  test("only supported locales pass", () => {
    expect(toLocale("fr")).toBe("fr");
    expect(toLocale("de")).toBeNull();
    expect(toLocale(undefined)).toBeNull();
  });
});
