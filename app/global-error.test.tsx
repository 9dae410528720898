// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import GlobalError from "./global-error";

// The page that replaces the root layout when it fails: it must speak the reader's language
// (the same cookie the layout reads) and keep the reference and the retry.
afterEach(() => {
  cleanup();
  document.cookie = "console-locale=; max-age=0";
  document.cookie = "console-theme=; max-age=0";
});

function show(reset = vi.fn()) {
  // Into the document itself, as Next renders it.
  render(<GlobalError error={Object.assign(new Error("database down"), { digest: "4242" })} reset={reset} />, { container: document as unknown as HTMLElement });
  return reset;
}

describe("global error page", () => {
  it("speaks French with the French cookie, in the dark theme when chosen, and never shows the error's text", () => {
    document.cookie = "console-locale=fr";
    document.cookie = "console-theme=dark";
    show();
    expect(screen.getByRole("heading", { name: "Impossible de charger cette page" })).toBeTruthy();
    expect(screen.getByText("Référence : 4242")).toBeTruthy();
    expect(document.documentElement.lang).toBe("fr");
    expect(document.documentElement.classList.contains("dark")).toBe(true);
    expect(document.body.textContent).not.toContain("database down");
  });

  it("offers a retry in English by default", () => {
    const reset = show();
    screen.getByRole("button", { name: "Try again" }).click();
    expect(reset).toHaveBeenCalledOnce();
    expect(document.documentElement.lang).toBe("en");
  });
});
