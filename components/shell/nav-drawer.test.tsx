// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import en from "@/messages/en.json";
import { NavDrawer } from "./nav-drawer";

beforeAll(() => {
  // jsdom has no layout: every media query is false (a narrow screen).
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as unknown as typeof window.matchMedia;
});
afterEach(cleanup);

function renderDrawer() {
  render(
    <NextIntlClientProvider locale="en" messages={en}>
      <NavDrawer>
        <nav aria-label="Console sections">
          <a href="#overview">Overview</a>
          <a href="#vms" aria-current="page">Virtual machines</a>
        </nav>
      </NavDrawer>
    </NextIntlClientProvider>,
  );
  return screen.getByRole("button", { name: "Menu" });
}

describe("the navigation drawer of narrow screens", () => {
  it("is a button that says whether it is open and which element it opens", () => {
    const button = renderDrawer();
    expect(button).toHaveProperty("ariaExpanded", "false");
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(button);
    expect(button).toHaveProperty("ariaExpanded", "true");
    const dialog = screen.getByRole("dialog", { name: "Menu" });
    expect(button.getAttribute("aria-controls")).toBe(dialog.id);
  });

  it("puts focus on the current section when it opens, and gives it back to the button on Escape", async () => {
    const button = renderDrawer();
    button.focus();
    fireEvent.click(button);
    expect(document.activeElement).toBe(screen.getByRole("link", { name: "Virtual machines" }));
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(button).toHaveProperty("ariaExpanded", "false");
    // Radix returns focus on the tick after the drawer unmounts.
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it("closes when a link is followed, and with its close button", () => {
    const button = renderDrawer();
    fireEvent.click(button);
    fireEvent.click(screen.getByRole("link", { name: "Overview" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(button);
    fireEvent.click(screen.getByRole("button", { name: "Close menu" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
