import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { listCatalog, publicTemplates } from "@/lib/services/catalog";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { CopyTemplateButton, DeleteItemButton, RegisterIsoForm } from "@/components/catalog/catalog-actions";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog"))("title") };
}

export default tenantPage({ permission: "compute:read", title: ["catalog", "title"] }, async ({ ctx }) => {
  const [items, t, format] = await Promise.all([listCatalog(ctx), getTranslations("catalog"), getFormatter()]);
  const write = hasPermission(ctx.permissions, "compute:write");
  const base = `/t/${ctx.tenant.slug}`;
  const n = (x: number) => format.number(x);
  const defaults = (d: { cpu: number | null; memoryGb: number | null; diskGib: number | null }) => t("defaultsValue", { cpu: n(d.cpu ?? 0), memory: n(d.memoryGb ?? 0), disk: n(d.diskGib ?? 0) });
  const size = (bytes: number) => format.number(bytes / 1024 ** 2, { maximumFractionDigits: 1 }) + " MiB";
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>

      <section aria-labelledby="own-title" className="mb-8">
        <h2 id="own-title" className="mb-2 text-sm font-semibold">{t("ownTitle")}</h2>
        {items.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <Table label={t("ownTitle")}>
            <THead>
              <Th>{t("name")}</Th>
              <Th>{t("kind")}</Th>
              <Th>{t("details")}</Th>
              <Th>{t("source")}</Th>
              <Th>{t("actions")}</Th>
            </THead>
            <TBody>
              {items.map((i) => (
                <Tr key={i.id}>
                  <RowHeader>{i.name}</RowHeader>
                  <Td><Badge tone={i.kind === "ISO" ? "blue" : "grey"}>{t(`kinds.${i.kind}`)}</Badge></Td>
                  <Td className="whitespace-normal">
                    {i.kind === "TEMPLATE" ? (
                      <>{i.osLabel} · {defaults(i)}</>
                    ) : (
                      <span className="font-mono text-xs">{t("isoDetails", { size: size(i.sizeBytes ?? 0), sha: `${(i.sha256 ?? "").slice(0, 12)}…` })}</span>
                    )}
                    {i.mountedIn.length > 0 && <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">{t("mountedIn", { vms: i.mountedIn.map((v) => v.name).join(", ") })}</span>}
                  </Td>
                  <Td className="whitespace-normal">{t(`sources.${i.source as "public" | "vm" | "upload"}`, { vm: i.sourceVmName ?? "" })}</Td>
                  <Td>
                    <span className="inline-flex gap-1">
                      {i.kind === "TEMPLATE" && write && (
                        <Link href={`${base}/compute/vms/new?catalogItem=${i.id}`} aria-label={t("deployLabel", { name: i.name })} className="rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-slate-100 hover:underline dark:text-brand-100 dark:hover:bg-slate-800">
                          {t("deploy")}
                        </Link>
                      )}
                      <DeleteItemButton tenantId={ctx.tenant.id} item={i} canWrite={write} />
                    </span>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="public-title" className="mb-8">
        <h2 id="public-title" className="mb-2 text-sm font-semibold">{t("publicTitle")}</h2>
        <Table label={t("publicTitle")}>
          <THead>
            <Th>{t("os")}</Th>
            <Th>{t("defaults")}</Th>
            <Th>{t("actions")}</Th>
          </THead>
          <TBody>
            {publicTemplates().map((p) => (
              <Tr key={p.code}>
                <RowHeader>{p.label}</RowHeader>
                <Td>{defaults(p)}</Td>
                <Td>
                  <CopyTemplateButton tenantId={ctx.tenant.id} template={p} defaults={defaults(p)} canWrite={write} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <RegisterIsoForm tenantId={ctx.tenant.id} canWrite={write} />
    </>
  );
});
