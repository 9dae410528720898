import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getVm } from "@/lib/services/vms";
import { NotFoundError } from "@/lib/errors";
import { hasPermission } from "@/lib/permissions";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { checkConsoleOpen } from "@/lib/domain/console";
import { Badge } from "@/components/ui/badge";
import { Violations } from "@/components/ui/violations";
import { linkClass } from "@/components/ui/styles";
import { PowerControls } from "@/components/vms/vm-actions";
import { WebConsole, type WebConsoleLabels } from "@/components/vms/web-console";
import { toActionsVm } from "@/components/vms/actions-vm";
import { tenantPage } from "../../../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webConsole"))("title") };
}

const LABEL_KEYS = ["toolbar", "opening", "closed", "reopen", "close", "ctrlAltDel", "ctrlAltDelConfirm", "send", "cancel", "ctrlC", "ctrlD", "paste", "pasteTooLong", "pasteDenied", "fullScreen", "exitFullScreen", "busy"] as const;

// The simulated web console of one VM. Its terminal's code (xterm.js) is imported by this page
// only, and loaded by the client once the page shows: no other page carries it.
export default tenantPage<{ vmId: string }>({ permission: "compute:read", title: ["webConsole", "title"] }, async ({ ctx, params }) => {
  const vm = await getVm(ctx, params.vmId).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [t, locale] = await Promise.all([getTranslations("webConsole"), getLocale()]);
  const base = `/t/${ctx.tenant.slug}/compute/vms/${vm.id}`;
  const canPower = hasPermission(ctx.permissions, "vm:power");
  const verdict = checkConsoleOpen(vm);
  const labels = {
    ...Object.fromEntries(LABEL_KEYS.map((k) => [k, k === "pasteTooLong" ? t.raw(k) : t(k)])),
    terminalLabel: t("terminalLabel", { name: vm.name }),
  } as WebConsoleLabels;
  const actionsVm = toActionsVm(vm);

  return (
    <>
      <nav aria-label={t("title")} className="mb-2 text-xs">
        <Link href={base} className="inline-flex items-center gap-0.5 text-slate-600 hover:text-slate-900 hover:underline dark:text-slate-400 dark:hover:text-white">
          <ChevronLeft aria-hidden className="size-3.5" />
          {t("back", { name: vm.name })}
        </Link>
      </nav>
      <header className="mb-3 flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold break-all">{t("pageTitle", { name: vm.name })}</h1>
          <Badge tone="amber">{t("simulated")}</Badge>
        </div>
        <p className="text-slate-600 dark:text-slate-400">{t("simulatedNote")}</p>
      </header>
      {!verdict.ok ? (
        <section aria-labelledby="console-unavailable" className="flex flex-col gap-3">
          <h2 id="console-unavailable" className="text-sm font-semibold">{t("notRunningTitle")}</h2>
          <Violations items={toViolationViews(verdict.violations, langOf(locale))} />
          <PowerControls tenantId={ctx.tenant.id} vm={actionsVm} can={{ power: canPower, write: hasPermission(ctx.permissions, "compute:write"), manage: hasPermission(ctx.permissions, "compute:management") }} />
          <p>
            <Link href={base} className={linkClass}>{t("back", { name: vm.name })}</Link>
          </p>
        </section>
      ) : !canPower ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-3 py-4 dark:border-slate-700">{t("needsPower")}</p>
      ) : (
        <WebConsole tenantId={ctx.tenant.id} vmId={vm.id} labels={labels} />
      )}
    </>
  );
});
