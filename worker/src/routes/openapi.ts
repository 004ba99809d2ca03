/** `GET /api/openapi.json`: the API's OpenAPI document, built once per isolate. */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { openApiDocument } from "../openapi/document";

let document: ReturnType<typeof openApiDocument> | undefined;

export const openapi = new Hono<AppEnv>().get("/", (c) => {
  document ??= openApiDocument();
  c.header("Cache-Control", "public, max-age=300");
  c.header("Access-Control-Allow-Origin", "*");
  return c.json(document);
});
