"use client";
import { useEffect, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { isTyping, onShortcutKey, type ShortcutState } from "./shortcuts";

const ShortcutsHelp = dynamic(() => import("./shortcuts-help").then((m) => m.ShortcutsHelp), { ssr: false });

/**
 * The console's keys outside a field: ? shows them all (a dialog loaded on first use), "g then a
 * letter" goes to a page of this tenant (components/shell/shortcuts.ts). Ctrl-K is the palette's own.
 * Mounted once, in the tenant shell.
 */
export function KeyboardShortcuts({ tenant }: { tenant: string }) {
  const router = useRouter();
  const [help, setHelp] = useState<boolean | null>(null);
  const state = useRef<ShortcutState>({ gAt: null });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target)) return;
      // An open dialog keeps its keys (the help closes on Escape; ? again leaves it open).
      if (document.querySelector("[role=dialog]") && e.key !== "?") return;
      const out = onShortcutKey(state.current, e, Date.now());
      state.current = out.state;
      if (out.help) {
        e.preventDefault();
        setHelp(true);
      } else if (out.go) {
        e.preventDefault();
        router.push(`/t/${tenant}/${out.go.href}`);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, tenant]);
  return help === null ? null : <ShortcutsHelp open={help} onOpenChange={setHelp} />;
}
