/** The route table the OpenAPI document is built from lists exactly the routes the app has. */
import { describe, expect, it } from "vitest";
import { app } from "../index";
import { ROUTES } from "./routes";

/** Hono's `/faq/versions/:version{[0-9]+}` as OpenAPI's `/faq/versions/{version}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, "{$1}").replace(/\/$/, "");

describe("the OpenAPI route table", () => {
  it("matches the app's routes, method for method", () => {
    const real = app.routes
      .filter((route) => ["GET", "POST", "PUT", "DELETE"].includes(route.method))
      .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`);
    const documented = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(real)).toEqual(new Set(documented));
    expect(documented).toHaveLength(new Set(documented).size);
  });

  it("is what /api/openapi.json serves", async () => {
    const response = await app.request("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe("3.1.0");
    for (const route of ROUTES) expect(document.paths[route.path]?.[route.method], route.path).toBeDefined();
  });
});
