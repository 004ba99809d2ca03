/**
 * A webhook receiver for tests: a real HTTP server on loopback that records every POST it gets
 * (headers and the exact body) and can refuse the first few, the way a receiver that is down
 * for a while does. `POST /hooks/<tag>?fail=N` answers 503 to the first N deliveries of each
 * event (told apart by `X-Support-Chat-Event-Id`), then 200; `GET /__deliveries/<tag>` returns
 * what arrived under `<tag>`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Delivery {
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  origin: string;
  /** A URL for the Worker's HANDOFF_WEBHOOK_URL, failing the first `fail` deliveries of each event. */
  url(tag: string, fail?: number): string;
  deliveries(tag: string): Delivery[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(host = "127.0.0.1"): Promise<WebhookReceiver> {
  const log = new Map<string, Delivery[]>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    const read = url.pathname.match(/^\/__deliveries\/([^/]+)$/);
    if (req.method === "GET" && read?.[1]) {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(log.get(read[1]) ?? []));
      return;
    }
    const hook = url.pathname.match(/^\/hooks\/([^/]+)$/);
    if (req.method !== "POST" || !hook?.[1]) {
      res.writeHead(404).end();
      return;
    }
    const tag = hook[1];
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = log.get(tag) ?? [];
      const event = req.headers["x-support-chat-event-id"];
      const earlier = received.filter((d) => d.headers["x-support-chat-event-id"] === event).length;
      const status = earlier < Number(url.searchParams.get("fail") ?? 0) ? 503 : 200;
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(", ") : (value ?? ""),
        ]),
      );
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8"), status });
      log.set(tag, received);
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status === 200 ? "ok" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (tag, fail = 0) => `${origin}/hooks/${tag}${fail ? `?fail=${fail}` : ""}`,
    deliveries: (tag) => log.get(tag) ?? [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
