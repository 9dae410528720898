import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { openApiDocument } from "@/lib/api/openapi";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("iam"))("api.title") };
}

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
};

const TONE = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" } as const;

/**
 * The API reference, rendered on the server from the same OpenAPI document GET /api/v1/openapi.json
 * serves (itself generated from the use-case registry's zod schemas). No third-party script: the console's
 * CSP allows none, and the page works offline.
 */
export default async function ApiReferencePage({ params }: { params: Promise<{ tenant: string }> }) {
  await requireTenant((await params).tenant);
  const [t, doc] = await Promise.all([getTranslations("iam"), Promise.resolve(openApiDocument())]);
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method: method as keyof typeof TONE, op })),
  );
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "api"))];
  return (
    <>
      <PageHeader title={t("api.title")} subtitle={`${doc.info.title} v${doc.info.version}`} />
      <p className="mb-2 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("api.intro", { url: "/api/v1/openapi.json" })}</p>
      <p className="mb-6 text-sm">
        <a href="/api/v1/openapi.json" className={linkClass}>/api/v1/openapi.json</a>
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="mb-8">
          <h2 id={`tag-${tag}`} className="mb-3 text-base font-semibold capitalize">{tag}</h2>
          <div className="flex flex-col gap-4">
            {ops
              .filter((o) => (o.op.tags?.[0] ?? "api") === tag)
              .map(({ path, method, op }) => {
                const body = op.requestBody?.content?.["application/json"]?.schema;
                const perm = /`([a-z]+:[a-z]+)`/.exec(op.description ?? "")?.[1];
                return (
                  <article key={`${method} ${path}`} id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
                    <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
                      <Badge tone={TONE[method] ?? "grey"}>{method.toUpperCase()}</Badge>
                      <span>{path}</span>
                    </h3>
                    <p className="mt-1 text-sm">{op.summary}</p>
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{perm ? t("api.permission", { permission: perm }) : op.security?.length ? t("api.member") : t("api.public")}</p>
                    {op.parameters && op.parameters.length > 0 && (
                      <>
                        <h4 className="mt-3 text-xs font-semibold">{t("api.params")}</h4>
                        <ul className="mt-1 font-mono text-xs">
                          {op.parameters.map((p) => (
                            <li key={`${p.in}-${p.name}`}>
                              {p.name} <span className="text-slate-600 dark:text-slate-300">({p.in}{p.required ? ", required" : ""})</span> {JSON.stringify(p.schema)}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                    {body !== undefined && (
                      <>
                        <h4 className="mt-3 text-xs font-semibold">{t("api.body")}</h4>
                        <pre tabIndex={0} aria-label={`${t("api.body")} ${method.toUpperCase()} ${path}`} className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{JSON.stringify(body, null, 2)}</pre>
                      </>
                    )}
                    <h4 className="mt-3 text-xs font-semibold">{t("api.responses")}</h4>
                    <ul className="mt-1 text-xs">
                      {Object.entries(op.responses ?? {}).map(([code, r]) => (
                        <li key={code}>
                          <span className="font-mono font-semibold">{code}</span> {r.description}
                        </li>
                      ))}
                    </ul>
                  </article>
                );
              })}
          </div>
        </section>
      ))}
    </>
  );
}
