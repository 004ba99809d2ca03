/**
 * Every route of the Worker's API, as data: method, path, what it takes and what it answers. The
 * OpenAPI document (document.ts) is built from this table and the protocol's Zod schemas, and a
 * test checks the table against the routes the app really has, so neither can drift.
 */
import { z } from "zod";
import type { ErrorCode } from "../protocol";
import {
  ChatRequest,
  DayStats,
  FaqDocument,
  FaqPublishRequest,
  FaqRollbackRequest,
  FaqVersion,
  FaqVersionSummary,
  FeedbackRequest,
  HandoffCreated,
  HandoffDetail,
  HandoffList,
  HandoffReplyRequest,
  HandoffRequest,
  HandoffUpdated,
  Health,
  Insights,
  PreviewRequest,
  ProviderStatus,
  ProviderTestResult,
  PublishedVersion,
  Transcript,
  TranscriptList,
  VisitorHandoffList,
  WidgetConfig,
} from "../protocol";

export type Method = "get" | "post" | "put" | "delete";

/** What a successful answer is: JSON of a schema, the answer event stream, or nothing. */
export type Success = { status: 200 | 201; json: z.ZodType } | { status: 200; stream: true } | { status: 204 };

export interface RouteDoc {
  method: Method;
  /** OpenAPI style: `/api/admin/faq/versions/{version}`. */
  path: string;
  summary: string;
  /** The operator API: `Authorization: Bearer <ADMIN_TOKEN>`. */
  admin?: boolean;
  /** Answers only allowed origins (CORS), see docs/http-api.md#cors. */
  cors?: boolean;
  body?: z.ZodType;
  params?: Record<string, string>;
  /** Query parameters, all required. */
  query?: Record<string, string>;
  success: Success;
  /** Errors this route may answer besides the ones every route may (400 on a bad body, 404, 405, 500). */
  errors: ErrorCode[];
}

const ADMIN_ERRORS: ErrorCode[] = ["unauthorized", "admin_disabled", "rate_limited"];
const PUBLIC_POST_ERRORS: ErrorCode[] = ["invalid_request", "origin_not_allowed", "payload_too_large", "rate_limited"];

export const ROUTES: RouteDoc[] = [
  {
    method: "post",
    path: "/api/chat",
    summary: "Ask a question; the answer streams back as `delta` events, then one `done` (or `error`).",
    cors: true,
    body: ChatRequest,
    success: { status: 200, stream: true },
    errors: [...PUBLIC_POST_ERRORS, "budget_exhausted", "upstream_error", "upstream_unavailable"],
  },
  {
    method: "post",
    path: "/api/feedback",
    summary: "Rate an answer this visitor was given (thumbs up or down, with an optional comment).",
    cors: true,
    body: FeedbackRequest,
    success: { status: 204 },
    errors: PUBLIC_POST_ERRORS,
  },
  {
    method: "post",
    path: "/api/handoff",
    summary:
      "Ask for a person: the team is told by email and webhook, and replies appear in the widget. At most 5 an hour per visitor.",
    cors: true,
    body: HandoffRequest,
    success: { status: 201, json: HandoffCreated },
    errors: PUBLIC_POST_ERRORS,
  },
  {
    method: "get",
    path: "/api/handoff",
    summary: "A visitor's own requests to the team and the team's replies, newest first.",
    cors: true,
    query: { visitorId: "the visitor's id, as in chat requests" },
    success: { status: 200, json: VisitorHandoffList },
    errors: ["invalid_request", "origin_not_allowed", "rate_limited"],
  },
  {
    method: "get",
    path: "/api/config",
    summary: "The widget's public settings: title, greeting, suggestions, look, contact.",
    cors: true,
    success: { status: 200, json: WidgetConfig },
    errors: ["origin_not_allowed"],
  },
  {
    method: "get",
    path: "/api/health",
    summary: "Liveness, and whether answers come from the model or from the FAQ alone.",
    success: { status: 200, json: Health },
    errors: [],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document.",
    success: { status: 200, json: z.record(z.string(), z.unknown()) },
    errors: [],
  },
  {
    method: "get",
    path: "/api/admin/faq",
    summary: "The published FAQ (Markdown) and its version.",
    admin: true,
    success: { status: 200, json: FaqDocument },
    errors: ADMIN_ERRORS,
  },
  {
    method: "put",
    path: "/api/admin/faq",
    summary: "Publish a new version on top of `baseVersion`; 409 if someone published meanwhile.",
    admin: true,
    body: FaqPublishRequest,
    success: { status: 200, json: PublishedVersion },
    errors: [...ADMIN_ERRORS, "invalid_request", "payload_too_large", "version_conflict"],
  },
  {
    method: "get",
    path: "/api/admin/faq/versions",
    summary: "Every published version, newest first.",
    admin: true,
    success: { status: 200, json: z.array(FaqVersionSummary) },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/api/admin/faq/versions/{version}",
    summary: "One published version, whole.",
    admin: true,
    params: { version: "the version number" },
    success: { status: 200, json: FaqVersion },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "post",
    path: "/api/admin/faq/rollback",
    summary: "Publish an old version's content again, as a new version.",
    admin: true,
    body: FaqRollbackRequest,
    success: { status: 200, json: PublishedVersion },
    errors: [...ADMIN_ERRORS, "invalid_request", "not_found", "version_conflict"],
  },
  {
    method: "post",
    path: "/api/admin/preview",
    summary: "Chat against a draft FAQ; streams like /api/chat.",
    admin: true,
    body: PreviewRequest,
    success: { status: 200, stream: true },
    errors: [...ADMIN_ERRORS, "invalid_request", "payload_too_large", "upstream_error", "upstream_unavailable"],
  },
  {
    method: "get",
    path: "/api/admin/settings",
    summary: "The widget's settings.",
    admin: true,
    success: { status: 200, json: WidgetConfig },
    errors: ADMIN_ERRORS,
  },
  {
    method: "put",
    path: "/api/admin/settings",
    summary: "Save the widget's settings; visitors see them within a minute.",
    admin: true,
    body: WidgetConfig,
    success: { status: 200, json: WidgetConfig },
    errors: [...ADMIN_ERRORS, "invalid_request", "payload_too_large"],
  },
  {
    method: "get",
    path: "/api/admin/stats",
    summary: "Usage per UTC day for the last 30 days, newest first.",
    admin: true,
    success: { status: 200, json: z.array(DayStats) },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/api/admin/insights",
    summary: "Satisfaction per FAQ version, grouped unanswered questions, rated-down answers.",
    admin: true,
    success: { status: 200, json: Insights },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/api/admin/transcripts",
    summary: "Logged conversations, newest first (only with LOG_CONVERSATIONS=true).",
    admin: true,
    success: { status: 200, json: TranscriptList },
    errors: ADMIN_ERRORS,
  },
  {
    method: "delete",
    path: "/api/admin/transcripts",
    summary: "Delete every logged conversation.",
    admin: true,
    success: { status: 204 },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/api/admin/transcripts/{id}",
    summary: "One logged conversation.",
    admin: true,
    params: { id: "the conversation's id (32 hex digits)" },
    success: { status: 200, json: Transcript },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "delete",
    path: "/api/admin/transcripts/{id}",
    summary: "Delete one logged conversation, and the question texts the insights kept of it.",
    admin: true,
    params: { id: "the conversation's id (32 hex digits)" },
    success: { status: 204 },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "get",
    path: "/api/admin/handoffs",
    summary: "The inbox: requests for a person, newest first, with the unread count and the configured channels.",
    admin: true,
    success: { status: 200, json: HandoffList },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/api/admin/handoffs/{id}",
    summary: "One request, its messages both ways and the conversation that led to it; marks it read.",
    admin: true,
    params: { id: "the handoff's id (24 hex digits)" },
    success: { status: 200, json: HandoffDetail },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "post",
    path: "/api/admin/handoffs/{id}/reply",
    summary: "Reply: the visitor sees it in the widget (and by email when configured); the status becomes answered.",
    admin: true,
    params: { id: "the handoff's id (24 hex digits)" },
    body: HandoffReplyRequest,
    success: { status: 201, json: HandoffUpdated },
    errors: [...ADMIN_ERRORS, "invalid_request", "payload_too_large", "not_found"],
  },
  {
    method: "post",
    path: "/api/admin/handoffs/{id}/close",
    summary: "Close a request.",
    admin: true,
    params: { id: "the handoff's id (24 hex digits)" },
    success: { status: 200, json: HandoffUpdated },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "delete",
    path: "/api/admin/handoffs/{id}",
    summary: "Delete a request and every message of it (the visitor's email address is personal data).",
    admin: true,
    params: { id: "the handoff's id (24 hex digits)" },
    success: { status: 204 },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "get",
    path: "/api/admin/provider",
    summary:
      "The model provider's health: the mode, the model, the state now (ok, why it fails, or unknown) and since when, the last answer, and the chats answered from the FAQ since the trouble began.",
    admin: true,
    success: { status: 200, json: ProviderStatus },
    errors: ADMIN_ERRORS,
  },
  {
    method: "post",
    path: "/api/admin/provider/test",
    summary:
      "Test provider: one minimal request with the configured key and model; whether it worked, how long it took, and the model as the provider names it. Its outcome counts in the health.",
    admin: true,
    success: { status: 200, json: ProviderTestResult },
    errors: [...ADMIN_ERRORS, "no_provider_key"],
  },
];
