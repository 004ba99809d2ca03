/**
 * The operator's alerts about the provider: an email to `OPERATOR_EMAIL` (the `EMAIL` binding, as
 * handoff notifications go) and a `provider.failing` / `provider.recovered` event for the webhook
 * (the `HANDOFF_WEBHOOKS` queue, signed on delivery like every event). Each channel fails alone,
 * logged, and never fails anything else.
 */
import { oneLine } from "../handoff/emails";
import { PROVIDER_ADVICE, PROVIDER_STATE_LABELS, type ProviderState, type ProviderWebhookEvent } from "../protocol";

/** Where a Worker instance says alerts go, from its configuration (sent with every report). */
export interface AlertRoute {
  /** The console's provider page. */
  consoleUrl: string;
  model: string;
  /** `OPERATOR_EMAIL` and `EMAIL_FROM`, when both are set. */
  email: { to: string; from: { email: string; name?: string } } | null;
  /** `HANDOFF_WEBHOOK_URL` is set. */
  webhook: boolean;
  /** How long the provider must have been failing before an alert (`PROVIDER_ALERT_AFTER_SECONDS`). */
  afterMs: number;
}

export interface Incident {
  kind: "failing" | "recovered";
  state: ProviderState;
  failingSince: number;
  fallbacks: number;
  now: number;
}

export interface AlertContent {
  subject: string;
  text: string;
}

const time = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

function minutes(ms: number): string {
  const n = Math.max(1, Math.round(ms / 60_000));
  return n === 1 ? "1 minute" : `${n} minutes`;
}

const chats = (n: number) => (n === 1 ? "1 chat was" : `${n} chats were`);

/** The words of an alert, for the email and the webhook's `text`. */
export function alertContent(incident: Incident, route: AlertRoute): AlertContent {
  const lasted = minutes(incident.now - incident.failingSince);
  if (incident.kind === "recovered") {
    return {
      subject: `Support Chat: the AI provider answers again (${oneLine(route.model, 60)})`,
      text: [
        `The model ${route.model} answers again, after failing since ${time(incident.failingSince)} (about ${lasted}).`,
        `Meanwhile ${chats(incident.fallbacks)} answered from the FAQ instead.`,
        "",
        `Provider status: ${route.consoleUrl}`,
        "",
      ].join("\n"),
    };
  }
  const label = PROVIDER_STATE_LABELS[incident.state];
  return {
    subject: `Support Chat: the AI provider is failing (${label.toLowerCase()})`,
    text: [
      `The model ${route.model} has been failing since ${time(incident.failingSince)} (about ${lasted}): ${label.toLowerCase()}.`,
      `Visitors get answers from the FAQ instead; ${chats(incident.fallbacks)} answered from it so far.`,
      "",
      PROVIDER_ADVICE[incident.state],
      "",
      `Provider status and "Test provider": ${route.consoleUrl}`,
      "",
    ].join("\n"),
  };
}

export function providerEvent(incident: Incident, route: AlertRoute): ProviderWebhookEvent {
  const { subject, text } = alertContent(incident, route);
  const line = `${subject}. ${text.split("\n")[0]}${
    incident.kind === "failing" ? ` ${PROVIDER_ADVICE[incident.state]}` : ""
  }\nStatus: ${route.consoleUrl}`;
  return {
    id: `evt_${crypto.randomUUID()}`,
    type: incident.kind === "failing" ? "provider.failing" : "provider.recovered",
    createdAt: new Date(incident.now).toISOString(),
    text: line,
    content: line,
    provider: {
      state: incident.state,
      model: route.model,
      failingSince: new Date(incident.failingSince).toISOString(),
      fallbacks: incident.fallbacks,
      ...(incident.kind === "failing" ? { advice: PROVIDER_ADVICE[incident.state] } : {}),
      consoleUrl: route.consoleUrl,
    },
  };
}

export interface AlertChannels {
  EMAIL: SendEmail;
  HANDOFF_WEBHOOKS: Queue;
}

async function settle(what: string, work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    console.error(`Provider alert: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Sends the alert by every configured channel; resolves when each has succeeded or failed. */
export async function sendAlert(channels: AlertChannels, incident: Incident, route: AlertRoute): Promise<void> {
  const sends: Promise<void>[] = [];
  if (route.email) {
    const { subject, text } = alertContent(incident, route);
    const { from, to } = route.email;
    sends.push(
      settle(
        "the email",
        channels.EMAIL.send({ from: { email: from.email, name: from.name ?? "Support Chat" }, to, subject, text }),
      ),
    );
  }
  if (route.webhook) {
    sends.push(
      settle(
        "queueing the webhook event",
        channels.HANDOFF_WEBHOOKS.send(providerEvent(incident, route), { contentType: "json" }),
      ),
    );
  }
  if (sends.length === 0) return;
  await Promise.all(sends);
  console.log(`Provider alert sent: ${incident.kind} (${incident.state})`);
}
