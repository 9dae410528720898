/**
 * The console's keyboard shortcuts, declared once: the palette lists the "go" commands, the
 * shortcut handler follows "g then <key>" to them, and the help dialog (?) shows them all.
 */
export const GO_COMMANDS = [
  { key: "vms", href: "compute/vms", shortcut: "v" },
  { key: "createVm", href: "compute/vms/new", shortcut: "c" },
  { key: "activities", href: "activities", shortcut: "a" },
  { key: "audit", href: "audit", shortcut: "u" },
  { key: "dashboards", href: "dashboards", shortcut: "d" },
  { key: "capacity", href: "dashboards/capacity", shortcut: "p" },
  { key: "orders", href: "orders", shortcut: "o" },
  { key: "network", href: "network", shortcut: "n" },
] as const;
export type GoCommand = (typeof GO_COMMANDS)[number];

/** How long after "g" the second key still counts. */
export const SEQUENCE_MS = 1500;

/** Where the keys belong to what is typed: fields, editable text, the web console's terminal. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  return el.isContentEditable || el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], .xterm") !== null;
}

type Key = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean };
export type ShortcutState = { gAt: number | null };
export type ShortcutOutcome = { state: ShortcutState; help?: true; go?: GoCommand };

/** One key press (outside a field) against the pending "g": what it opens, if anything. */
export function onShortcutKey(state: ShortcutState, e: Key, now: number): ShortcutOutcome {
  if (e.ctrlKey || e.metaKey || e.altKey) return { state: { gAt: null } };
  if (e.key === "?") return { state: { gAt: null }, help: true };
  if (state.gAt !== null && now - state.gAt <= SEQUENCE_MS) {
    const go = GO_COMMANDS.find((c) => c.shortcut === e.key.toLowerCase());
    if (go) return { state: { gAt: null }, go };
  }
  return { state: { gAt: e.key === "g" ? now : null } };
}
