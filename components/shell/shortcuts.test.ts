import { describe, expect, it } from "vitest";
import { GO_COMMANDS, SEQUENCE_MS, isTyping, onShortcutKey } from "./shortcuts";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyboard shortcuts", () => {
  it("g then v goes to the VM list; g then a to activities", () => {
    const g = onShortcutKey({ gAt: null }, key("g"), 1_000);
    expect(g.go).toBeUndefined();
    expect(onShortcutKey(g.state, key("v"), 1_400).go?.href).toBe("compute/vms");
    expect(onShortcutKey(g.state, key("a"), 1_400).go?.href).toBe("activities");
  });

  it("the second key counts for 1.5 s only, and a key alone does nothing", () => {
    const g = onShortcutKey({ gAt: null }, key("g"), 1_000);
    expect(onShortcutKey(g.state, key("v"), 1_000 + SEQUENCE_MS + 1).go).toBeUndefined();
    expect(onShortcutKey({ gAt: null }, key("v"), 1_000).go).toBeUndefined();
  });

  it("a modifier breaks the sequence (Ctrl-V pastes, it does not navigate); ? opens the help", () => {
    const g = onShortcutKey({ gAt: null }, key("g"), 1_000);
    const ctrl = onShortcutKey(g.state, key("v", { ctrlKey: true }), 1_100);
    expect(ctrl.go).toBeUndefined();
    expect(ctrl.state.gAt).toBeNull();
    expect(onShortcutKey({ gAt: null }, key("?"), 1_000).help).toBe(true);
  });

  it("each command has its own key", () => {
    expect(new Set(GO_COMMANDS.map((c) => c.shortcut)).size).toBe(GO_COMMANDS.length);
  });

  it("keys typed into a field belong to the field", () => {
    const input = { closest: (s: string) => (s.includes("input") ? {} : null), isContentEditable: false } as unknown as EventTarget;
    const body = { closest: () => null, isContentEditable: false } as unknown as EventTarget;
    expect(isTyping(input)).toBe(true);
    expect(isTyping(body)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
