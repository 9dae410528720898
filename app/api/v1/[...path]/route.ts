import { handleApiRequest } from "@/lib/api/handler";

// Every path of the REST API, generated from the registry (lib/use-cases): see lib/api/routes.ts.
// The OpenAPI document keeps its own static route (public, cached).
export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const PUT = handleApiRequest;
export const PATCH = handleApiRequest;
export const DELETE = handleApiRequest;
