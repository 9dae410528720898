"use client";
import { useState, type ComponentType } from "react";
import { useQuery } from "@tanstack/react-query";
import type { LocalizedText } from "@/lib/domain/result";
import { BellButton } from "./bell-button";

type Item = { id: string; createdAt: number; read: boolean; tenant: { slug: string; name: string }; alert: { id: string; kind: string; state: string; resourceName: string; text: LocalizedText } };
export type BellData = { unread: number; items: Item[] };

/** How often the bell asks (no push channel: a modest poll). */
export const BELL_POLL_MS = 20_000;

const loadPanel = () => import("./notification-panel");
type PanelProps = { data: BellData | undefined; isPending: boolean; isError: boolean };

/**
 * The bell: unread notifications of the signed-in person across the tenants they may open, a list, mark read.
 * The count is polled here; the panel (./notification-panel) loads on the first click, or as the
 * pointer or focus reaches the bell.
 */
export function NotificationBell() {
  const [Panel, setPanel] = useState<ComponentType<PanelProps> | null>(null);
  const { data, isPending, isError } = useQuery({
    queryKey: ["notifications"],
    queryFn: async (): Promise<BellData> => {
      const r = await fetch("/api/console/notifications", { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return (await r.json()) as BellData;
    },
    refetchInterval: BELL_POLL_MS,
  });
  const unread = data?.unread ?? 0;
  // Until its code is there the button stays, and the click that asked for it opens it once loaded.
  if (Panel) return <Panel data={data} isPending={isPending} isError={isError} />;
  return <BellButton unread={unread} onClick={() => void loadPanel().then((m) => setPanel(() => m.NotificationPanel))} onPointerEnter={() => void loadPanel()} onFocus={() => void loadPanel()} />;
}
