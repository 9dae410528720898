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

// The drawer's code loads on the first click and mounts open, its own menu button replacing the
// first one: each test waits for it, then reads the button again. While the modal is open the
// button sits outside it (aria-hidden for assistive technology), hence `hidden: true`.
const menuButton = () => screen.getByRole("button", { name: "Menu", hidden: true });

describe("the navigation drawer of narrow screens", () => {
  it("is a button that says whether it is open and which element it opens", async () => {
    const button = renderDrawer();
    expect(button).toHaveProperty("ariaExpanded", "false");
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(button);
    const dialog = await screen.findByRole("dialog", { name: "Menu" });
    expect(menuButton()).toHaveProperty("ariaExpanded", "true");
    expect(menuButton().getAttribute("aria-controls")).toBe(dialog.id);
  });

  it("puts focus on the current section when it opens, and gives it back to the button on Escape", async () => {
    const button = renderDrawer();
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("link", { name: "Virtual machines" })));
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(menuButton()).toHaveProperty("ariaExpanded", "false");
    // Radix returns focus on the tick after the drawer unmounts.
    await waitFor(() => expect(document.activeElement).toBe(menuButton()));
  });

  it("closes when a link is followed, and with its close button", async () => {
    fireEvent.click(renderDrawer());
    fireEvent.click(await screen.findByRole("link", { name: "Overview" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(menuButton());
    fireEvent.click(screen.getByRole("button", { name: "Close menu" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
