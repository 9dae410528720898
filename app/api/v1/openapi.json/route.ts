import { openApiDocument } from "@/lib/api/openapi";

// Public, like any API's description: it holds no tenant data. Generated once per process.
let doc: ReturnType<typeof openApiDocument> | undefined;

export function GET() {
  doc ??= openApiDocument();
  return Response.json(doc, { headers: { "Cache-Control": "public, max-age=300" } });
}
