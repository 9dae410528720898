import { getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import type { TenantContext } from "@/lib/auth/context";
import { hasPermission, type Permission } from "@/lib/permissions";
import { MissingPermission } from "@/components/ui/missing-permission";

export type SearchParams = Record<string, string | string[] | undefined>;
type Props<P> = { params: Promise<P & { tenant: string }>; searchParams: Promise<SearchParams> };

/**
 * The one gate of every tenant page: signed in (else the sign-in page), a member of the tenant
 * (else 404, exactly like a tenant that does not exist), holding the page's permission (else the
 * page says which one is missing and whom to ask). A page never relies on its layout for this.
 */
export function tenantPage<P extends Record<string, string> = Record<string, never>>(
  opts: { permission: Permission; title: readonly [namespace: string, key: string] },
  render: (args: { ctx: TenantContext; params: P & { tenant: string }; searchParams: SearchParams }) => Promise<React.ReactNode>,
) {
  return async function TenantPage(props: Props<P>) {
    const [params, searchParams] = await Promise.all([props.params, props.searchParams]);
    const ctx = await requireTenant(params.tenant);
    if (!hasPermission(ctx.permissions, opts.permission)) {
      const t = await getTranslations(opts.title[0]);
      return <MissingPermission title={t(opts.title[1])} permission={opts.permission} />;
    }
    return render({ ctx, params, searchParams });
  };
}
