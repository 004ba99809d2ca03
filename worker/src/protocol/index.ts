/**
 * The wire protocol between the widget, the operator console and the Worker (docs/http-api.md,
 * docs/operator-api.md). Every shape that crosses the network is a Zod schema here; types come
 * from `z.infer`. The widget and the console import these with `import type` only, and the plain
 * numbers of limits.ts by value, so Zod never enters their bundles.
 */
export * from "./admin";
export * from "./chat";
export * from "./errors";
export * from "./handoff";
export * from "./handoff-limits";
export * from "./insights";
export * from "./limits";
export * from "./provider";
export * from "./provider-advice";
export * from "./widget-settings";
