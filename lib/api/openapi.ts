// The OpenAPI 3.1 document of the REST API, generated from lib/api/contract.ts: the same zod
// schemas the handlers validate with (zod-openapi on zod 4's own JSON Schema). Never hand-written.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { ENDPOINTS, acceptedResponse, errorResponse, itemSchema, listResponse, refusalResponse, type Endpoint } from "./contract";

const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema } } });

function operation(name: string, e: Endpoint): ZodOpenApiOperationObject {
  const responses: Record<string, unknown> = {};
  if (e.kind === "write") {
    responses["201"] = { ...json(acceptedResponse, "Accepted: the activity that carries the change out; follow it at Location"), headers: { Location: { description: "/api/v1/activities/{id}", schema: { type: "string" } } } };
    responses["422"] = json(refusalResponse, "Refused by a rule (DOMAIN.md's codes), with the numbers involved");
    responses["409"] = json(errorResponse, "The resource is busy with another activity");
  } else if (e.kind === "list") responses["200"] = json(listResponse, "One page; pass nextCursor as cursor for the next one (null at the end)");
  else if (e.text) responses["200"] = { description: "Prometheus text exposition format", content: { [e.text]: { schema: { type: "string" } } } };
  else responses["200"] = json(e.response ?? itemSchema, "OK");
  if (e.permission) {
    responses["400"] = json(errorResponse, "Bad input: the fields at fault");
    responses["401"] = json(errorResponse, "No token, or a revoked, expired or unknown one, or a disabled user");
    responses["403"] = json(errorResponse, `The token or its user lacks ${e.permission}`);
    responses["404"] = json(errorResponse, "No such resource in the token's tenant (another tenant's is the same 404)");
    responses["429"] = { ...json(errorResponse, "Over 25 requests a second with this token"), headers: { "Retry-After": { description: "seconds", schema: { type: "integer" } } } };
  }
  return {
    operationId: name,
    summary: e.summary,
    tags: [e.tag],
    ...(e.permission ? { security: [{ bearer: [] }], description: `Needs the permission \`${e.permission}\` in the token's tenant.` } : { security: [] }),
    ...(e.params || e.query ? { requestParams: { ...(e.params ? { path: e.params } : {}), ...(e.query ? { query: e.query } : {}) } } : {}),
    ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: e.body } } } } : {}),
    responses: responses as ZodOpenApiOperationObject["responses"],
  };
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const [name, e] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
    const path = `/api/v1${e.path}`;
    paths[path] = { ...paths[path], [e.method.toLowerCase()]: operation(name, e) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Sovereign IaaS console API",
      version: "1",
      description:
        "Every path is scoped to the tenant of the personal access token (Authorization: Bearer scp_…). A write answers 201 with the id of the activity that carries it out; the activity, once completed, names the resource it made or changed. 25 requests a second per token.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token (IAM → Access tokens, or npm run cli -- token create)" } } },
    paths,
  });
}
