import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { listTokens } from "@/lib/services/tokens";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Td, Th, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { CreateTokenForm, RevokeTokenButton } from "@/components/iam/token-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("iam"))("tokens.title") };
}

// Any member makes tokens for themselves (a subset of what they hold here): no permission to ask.
export default async function TokensPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  const [tokens, t, format] = await Promise.all([listTokens(ctx), getTranslations("iam"), getFormatter()]);
  const now = new Date();
  const when = (d: Date | null) => (d ? <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "short" })}</time> : t("tokens.never"));
  return (
    <>
      <PageHeader title={t("tokens.title")} subtitle={ctx.tenant.name} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("tokens.intro", { tenant: ctx.tenant.name })}</p>
      <section className="mb-6 rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-label={t("tokens.title")}>
        <CreateTokenForm tenantId={ctx.tenant.id} held={ctx.permissions} />
      </section>
      {tokens.length === 0 ? (
        <EmptyState>
          <p>{t("tokens.none")}</p>
        </EmptyState>
      ) : (
        <Table label={t("tokens.mine")}>
          <THead>
            <Th>{t("columns.name")}</Th>
            <Th>{t("columns.user")}</Th>
            <Th>{t("columns.permissions")}</Th>
            <Th>{t("columns.lastUsed")}</Th>
            <Th>{t("columns.expires")}</Th>
            <Th>{t("columns.tokenStatus")}</Th>
            <Th>{t("columns.actions")}</Th>
          </THead>
          <TBody>
            {tokens.map((tk) => {
              const state = tk.revokedAt ? "revoked" : tk.expiresAt <= now ? "expired" : "active";
              return (
                <Tr key={tk.id}>
                  <RowHeader>
                    {tk.name} <span className="font-mono text-xs text-slate-600 dark:text-slate-300">{tk.prefix}…</span>
                  </RowHeader>
                  <Td>{tk.user.email}</Td>
                  <Td className="font-mono text-xs">{tk.permissions.join(", ")}</Td>
                  <Td>{when(tk.lastUsedAt)}</Td>
                  <Td>{when(tk.expiresAt)}</Td>
                  <Td>{state === "active" ? <Badge tone="green">{t("tokens.active")}</Badge> : <Badge tone={state === "revoked" ? "red" : "grey"}>{t(`tokens.${state}`)}</Badge>}</Td>
                  <Td>
                    {state === "active" &&
                      (tk.revocable ? (
                        <RevokeTokenButton tenantId={ctx.tenant.id} tokenId={tk.id} name={tk.name} />
                      ) : (
                        <span className="text-xs text-slate-600 dark:text-slate-300">{t("tokens.notRevocable")}</span>
                      ))}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </>
  );
}
