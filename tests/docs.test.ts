/**
 * The reference in docs/ agrees with the code: openapi.json is exactly what the Worker's schemas
 * and route table generate (`npm run docs` rewrites it), and every route and error code is in
 * the prose.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../worker/src/openapi/document.ts";
import { ROUTES } from "../worker/src/openapi/routes.ts";
import { ErrorCode } from "../worker/src/protocol/errors.ts";

const DOCS = fileURLToPath(new URL("../docs/", import.meta.url));
const prose = ["http-api.md", "operator-api.md", "embed.md", "configuration.md"]
  .map((page) => readFileSync(`${DOCS}${page}`, "utf8"))
  .join("\n");

describe("docs/", () => {
  it("holds the OpenAPI document the schemas generate", async () => {
    await expect(`${JSON.stringify(openApiDocument(), null, 2)}\n`).toMatchFileSnapshot("../docs/openapi.json");
  });

  it("describes every route", () => {
    for (const route of ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, ":$1");
      expect(prose, `${route.method.toUpperCase()} ${path}`).toContain(`${route.method.toUpperCase()} ${path}`);
    }
  });

  it("explains every error code", () => {
    for (const code of ErrorCode.options) expect(prose, code).toContain(`\`${code}\``);
  });
});
