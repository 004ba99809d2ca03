/**
 * Serves the demo host site (this folder) on its own origin, as a real site would be. The script
 * tag in index.html points at http://localhost:8787; `workerOrigin` replaces that address, so
 * tests can point the demo at a Worker on another port. `csp` adds a Content-Security-Policy.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL(".", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript",
};
export const DEFAULT_WORKER_ORIGIN = "http://localhost:8787";

export interface ExtraPage {
  body: string;
  type: string;
  headers?: Record<string, string>;
}

export interface DemoServer {
  origin: string;
  /** Serves `page` at `path` too (tests use it for host pages of their own, on the demo's origin). */
  addPage(path: string, page: ExtraPage): void;
  close(): Promise<void>;
}

export async function startDemo(options: {
  port: number;
  host?: string;
  workerOrigin?: string;
  csp?: string;
}): Promise<DemoServer> {
  const host = options.host ?? "127.0.0.1";
  const extra = new Map<string, ExtraPage>();
  const server: Server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? "/", "http://demo").pathname).replace(/^(\.\.[/\\])+/, "");
    const page = extra.get(path);
    if (page) {
      res.writeHead(200, { "Content-Type": page.type, "Cache-Control": "no-store", ...page.headers }).end(page.body);
      return;
    }
    const file = join(ROOT, path.endsWith("/") ? `${path}index.html` : path);
    const type = TYPES[extname(file)];
    if (!file.startsWith(ROOT) || !type || file.endsWith(".ts")) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
      return;
    }
    try {
      let body = await readFile(file, "utf8");
      if (options.workerOrigin) body = body.replaceAll(DEFAULT_WORKER_ORIGIN, options.workerOrigin);
      res.writeHead(200, {
        "Content-Type": type,
        "Cache-Control": "no-cache",
        ...(options.csp ? { "Content-Security-Policy": options.csp } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    origin: `http://${host === "127.0.0.1" ? "localhost" : host}:${port}`,
    addPage: (path, page) => extra.set(path, page),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
