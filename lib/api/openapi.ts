import "server-only";
// The OpenAPI 3.1 document of the REST API, generated from the registry (lib/use-cases): the same
// zod schemas the console's forms and the handlers validate with (zod-openapi on zod 4's own JSON
// Schema). Never hand-written.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { acceptedResponse, bulkResponse, errorResponse, itemSchema, listResponse, refusalResponse, valueResponse } from "./contract";
import { API_ROUTES, type ApiRoute } from "./routes";
import { API_RATE_LIMIT_PER_CLIENT } from "@/lib/domain/catalogue";
import { judgeable } from "@/lib/use-cases/define";

/** `?dryRun=true` on a change carried out by an activity: its decision now, nothing written. */
const dryRunQuery = z.object({ dryRun: z.enum(["true", "false"]).optional().meta({ description: "true: judge the change without making it (200 with its warnings, or the 422 it would get); nothing is written, no activity starts" }) });

const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema } } });
const pathNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** What a write's body carries: its schema without the keys the path fills. */
function bodySchemaOf(r: ApiRoute): z.ZodType | null {
  const schema = r.route!.schema ?? r.useCase!.schema;
  const fromPath = Object.values(r.route!.params ?? {});
  if (!(schema instanceof z.ZodObject)) return schema;
  // Built from the shape (omit() refuses an object with refinements): the document shows the fields.
  const fields = Object.entries(schema.shape as Record<string, z.ZodType>).filter(([k]) => !fromPath.includes(k));
  return fields.length === 0 ? null : z.object(Object.fromEntries(fields));
}

function operation(r: ApiRoute): ZodOpenApiOperationObject {
  const responses: Record<string, unknown> = {};
  const permission = r.read ? r.read.permission : r.useCase!.permission;
  const names = pathNames(r.path);
  const pathParams = names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
  let requestBody: ZodOpenApiOperationObject["requestBody"];
  let query: z.ZodObject | undefined;
  let description = permission ? `Needs the permission \`${permission}\` in the token's tenant.` : "Any member of the token's tenant.";
  if (r.read) {
    query = r.read.query;
    if (r.read.kind === "list") {
      responses["200"] = json(listResponse, "One page; pass nextCursor as cursor for the next one (null at the end)");
      description += " Paged on a keyset: each list has one order (by name; VLANs by tag, members by email, backup coverage uncovered first then by name, replications by subject; orders, activities, audit and tokens newest first) and its cursor names the last row returned, so items created or deleted while paging never repeat or skip one. Nothing is counted unless `count=true` asks for `total`.";
    }
    else if (r.read.text) responses["200"] = { description: "Prometheus text exposition format", content: { [r.read.text]: { schema: { type: "string" } } } };
    else responses["200"] = json(r.read.response ?? itemSchema, "OK");
  } else {
    const u = r.useCase!;
    const body = bodySchemaOf(r);
    if (body) requestBody = { required: true, content: { "application/json": { schema: body } } };
    if (u.bulk) responses["200"] = json(bulkResponse, u.preview ? "What would happen to each item, in order" : "Each item's outcome, each with its own activity when accepted");
    else if (u.preview) responses["200"] = json(valueResponse, "What would happen: the figures the decision was taken on, and its warnings");
    else if (u.activity.length > 0) {
      if (judgeable(u)) {
        query = dryRunQuery;
        responses["200"] = json(z.object({ dryRun: z.literal(true), warnings: z.array(z.object({ code: z.string(), message: z.string() })).optional() }), "dryRun=true: it would be accepted now, with these warnings; nothing was written");
      }
      responses["201"] = { ...json(acceptedResponse, "Accepted: the activity that carries the change out; follow it at Location"), headers: { Location: { description: "/api/v1/activities/{id}", schema: { type: "string" } } } };
      responses["409"] = json(errorResponse, "The resource is busy with another activity");
    } else responses[String(r.route!.status ?? 200)] = json(valueResponse, "Done: the change is immediate");
    responses["422"] = json(refusalResponse, "Refused by a rule (DOMAIN.md's codes), with the numbers involved");
    description += ` Audited as ${u.audit.length ? u.audit.map((a) => `\`${a}\``).join(", ") : "nothing (writes nothing)"}${u.activity.length ? `; runs as the activity ${u.activity.map((a) => `\`${a}\``).join(", ")}` : ""}.`;
  }
  responses["400"] = json(errorResponse, "Bad input: the fields at fault");
  responses["401"] = json(errorResponse, "No token, or a revoked, expired or unknown one, or a disabled user");
  responses["403"] = json(errorResponse, permission ? `The token or its user lacks ${permission}` : "Not the caller's to change");
  responses["404"] = json(errorResponse, "No such resource in the token's tenant (another tenant's is the same 404)");
  responses["429"] = { ...json(errorResponse, `Over ${API_RATE_LIMIT_PER_CLIENT} requests a second with this token`), headers: { "Retry-After": { description: "seconds", schema: { type: "integer" } } } };
  const summary = r.read ? r.read.summary : r.useCase!.summary;
  const tag = r.read ? r.read.tag : r.useCase!.tag;
  return {
    operationId: r.name,
    summary,
    tags: [tag],
    security: [{ bearer: [] }],
    description,
    ...(pathParams || query ? { requestParams: { ...(pathParams ? { path: pathParams } : {}), ...(query ? { query } : {}) } } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: responses as ZodOpenApiOperationObject["responses"],
  };
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of API_ROUTES) {
    const path = `/api/v1${r.path}`;
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation(r) };
  }
  paths["/api/v1/openapi.json"] = { get: { operationId: "getOpenApi", summary: "This document", tags: ["meta"], security: [], responses: { "200": json(z.object({}).loose(), "OK") } as ZodOpenApiOperationObject["responses"] } };
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Sovereign IaaS console API",
      version: "1",
      description:
        "Every path is scoped to the tenant of the personal access token (Authorization: Bearer scp_…). Every change the console makes is here, with the same permission, input, rules, audit and activity. A change carried out by an activity answers 201 with the activity's id and its Location; the activity, once completed, names the resource it made or changed. A refusal is a 422 with the rule's code and figures. 25 requests a second per token.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token (IAM → Access tokens, or npm run cli -- token create)" } } },
    paths,
  });
}
