/**
 * The OpenAPI 3.1 document of the Worker's API, served at `GET /api/openapi.json` and kept in
 * docs/openapi.json: built from the route table (routes.ts) and the protocol's Zod schemas with
 * `z.toJSONSchema`, so what it says is what the Worker validates and sends.
 */
import { z } from "zod";
import {
  DeltaEvent,
  DoneEvent,
  ErrorBody,
  HandoffWebhookEvent,
  ProviderWebhookEvent,
  StreamErrorEvent,
} from "../protocol";
import { ROUTES, type RouteDoc } from "./routes";

type Json = Record<string, unknown>;

/** A schema as JSON Schema, without the `$schema` key that OpenAPI's own dialect makes redundant. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

const ERROR_STATUS: Record<string, string> = {
  invalid_request: "400",
  unauthorized: "401",
  origin_not_allowed: "403",
  not_found: "404",
  version_conflict: "409",
  payload_too_large: "413",
  rate_limited: "429",
  budget_exhausted: "429",
  upstream_error: "502",
  admin_disabled: "503",
  upstream_unavailable: "503",
};

function responses(route: RouteDoc): Json {
  const out: Json = {};
  const { success } = route;
  if ("json" in success) {
    out[String(success.status)] = {
      description: "OK",
      content: { "application/json": { schema: jsonSchema(success.json, "output") } },
    };
  } else if ("stream" in success) {
    out["200"] = {
      description:
        "A Server-Sent Events stream: zero or more `delta` events, then exactly one `done` or `error` (see components.schemas).",
      content: { "text/event-stream": { schema: { type: "string" } } },
    };
  } else {
    out[String(success.status)] = { description: "Done; no body." };
  }
  const byStatus = new Map<string, string[]>();
  for (const code of route.errors) {
    const status = ERROR_STATUS[code] ?? "500";
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort()) {
    out[status] = {
      description: `error.code: ${codes.map((code) => `\`${code}\``).join(" or ")}`,
      content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
    };
  }
  return out;
}

function operation(route: RouteDoc): Json {
  return {
    summary: route.summary,
    ...(route.admin ? { security: [{ operatorToken: [] }], tags: ["operator"] } : { tags: ["public"] }),
    ...(route.params || route.query
      ? {
          parameters: [
            ...Object.entries(route.params ?? {}).map(([name, description]) => ["path", name, description]),
            ...Object.entries(route.query ?? {}).map(([name, description]) => ["query", name, description]),
          ].map(([where, name, description]) => ({
            name,
            in: where,
            required: true,
            description,
            schema: { type: "string" },
          })),
        }
      : {}),
    ...(route.body
      ? {
          requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } },
        }
      : {}),
    responses: responses(route),
  };
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  return {
    openapi: "3.1.0",
    info: {
      title: "Support Chat",
      version: "1",
      description:
        "The chat API the widget calls and the operator API the console calls. Prose reference: docs/http-api.md and docs/operator-api.md.",
    },
    paths,
    components: {
      securitySchemes: { operatorToken: { type: "http", scheme: "bearer", description: "The ADMIN_TOKEN secret." } },
      schemas: {
        ErrorBody: jsonSchema(ErrorBody, "output"),
        DeltaEvent: jsonSchema(DeltaEvent, "output"),
        DoneEvent: jsonSchema(DoneEvent, "output"),
        StreamErrorEvent: jsonSchema(StreamErrorEvent, "output"),
        HandoffWebhookEvent: jsonSchema(HandoffWebhookEvent, "output"),
        ProviderWebhookEvent: jsonSchema(ProviderWebhookEvent, "output"),
      },
    },
  };
}
