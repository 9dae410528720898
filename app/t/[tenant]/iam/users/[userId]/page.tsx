import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { effectivePermissions } from "@/lib/services/iam";
import { NotFoundError } from "@/lib/errors";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Td, Th, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";
import { OwnerToggle, PermissionsForm } from "@/components/iam/member-forms";
import { tenantPage } from "../../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("iam"))("title") };
}

export default tenantPage<{ userId: string }>({ permission: "iam:read", title: ["iam", "title"] }, async ({ ctx, params }) => {
  const view = await effectivePermissions(ctx, params.userId).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [t, forms] = await Promise.all([getTranslations("iam"), getTranslations("iamForms")]);
  const canWrite = hasPermission(ctx.permissions, "iam:write");
  const held = view.rows.filter((r) => r.granted).map((r) => r.permission);
  const bundleName = (b: string) => forms(`bundle.${b}` as "bundle.none");
  return (
    <>
      <PageHeader title={view.user.email} subtitle={view.user.name}>
        <div className="flex items-center gap-3">
          {view.isOwner && <Badge tone="blue">{t("owner")}</Badge>}
          {view.user.disabledAt ? <Badge tone="red">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>}
          <Link href={`/t/${ctx.tenant.slug}/iam`} className={linkClass}>{t("user.back")}</Link>
        </div>
      </PageHeader>

      <h2 className="mb-1 text-base font-semibold">{t("user.effective", { tenant: ctx.tenant.name })}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("user.effectiveIntro")}</p>
      <Table label={t("user.effective", { tenant: ctx.tenant.name })}>
        <THead>
          <Th>{t("columns.permission")}</Th>
          <Th>{t("columns.effective")}</Th>
          <Th>{t("columns.source")}</Th>
          <Th>{t("columns.bundles")}</Th>
        </THead>
        <TBody>
          {view.rows.map((r) => (
            <Tr key={r.permission}>
              <RowHeader><span className="font-mono text-xs">{r.permission}</span></RowHeader>
              <Td>{r.effective ? <Badge tone="green">✓ {t("columns.effective")}</Badge> : <Badge tone="grey">—</Badge>}</Td>
              <Td>{t(`user.why.${r.why}`, { tenant: ctx.tenant.name })}</Td>
              <Td>{r.bundles.map(bundleName).join(", ")}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>

      <section className="mt-6" aria-labelledby="user-tokens">
        <h2 id="user-tokens" className="mb-2 text-base font-semibold">{t("user.tokens")}</h2>
        {view.tokens.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("user.noTokens")}</p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {view.tokens.map((tk) => <li key={tk.id}>{t("user.tokenPerms", { name: tk.name, prefix: tk.prefix, permissions: tk.effective.join(", ") || "—" })}</li>)}
          </ul>
        )}
      </section>

      {canWrite && (
        <section className="mt-6 flex flex-col gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-labelledby="user-edit">
          <h2 id="user-edit" className="text-base font-semibold">{t("user.edit")}</h2>
          <OwnerToggle tenantId={ctx.tenant.id} userId={view.user.id} isOwner={view.isOwner} />
          <PermissionsForm tenantId={ctx.tenant.id} userId={view.user.id} initial={held} />
        </section>
      )}
    </>
  );
});
