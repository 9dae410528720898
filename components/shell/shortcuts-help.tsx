"use client";
import { useTranslations } from "next-intl";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { GO_COMMANDS } from "./shortcuts";

const kbd = "rounded border border-slate-300 px-1.5 py-0.5 font-sans text-xs dark:border-slate-600";

/** Every shortcut with what it does, read from the one list the handler and the palette use. */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("palette");
  const rows: [string, string][] = [
    [t("shortcut"), t("keysSearch")],
    ["?", t("keysHelp")],
    ["Esc", t("keysClose")],
    ...GO_COMMANDS.map((c): [string, string] => [t("goKeys", { key: c.shortcut.toUpperCase() }), t(`go.${c.key}`)]),
  ];
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={t("shortcutsTitle")} description={`${t("shortcutsIntro")} ${t("keysGoHint")}.`}>
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">{t("keyCol")}</th>
              <th scope="col">{t("actionCol")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([keys, does]) => (
              <tr key={keys} className="border-t border-slate-200 first:border-t-0 dark:border-slate-700">
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  <kbd className={kbd}>{keys}</kbd>
                </td>
                <td className="py-1.5">{does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DialogContent>
    </Dialog>
  );
}
