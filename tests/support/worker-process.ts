/**
 * Runs Workers the way a developer does, on a free port with their own local storage: Support
 * Chat as `npm run serve -- <flags>` (build, local migrations, `wrangler dev`), or another Worker
 * with plain `wrangler dev -c <config>` (the benchmark's pass-through baseline).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface WorkerProcess {
  origin: string;
  /** Its local storage (D1, Durable Objects), as `--persist-to`. */
  persistDir: string;
  /** The process group of wrangler dev and everything it started (workerd included). */
  pgid: number;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Support Chat itself, as `npm run serve`. */
export function startWorker(vars: Record<string, string>): Promise<WorkerProcess> {
  return launch((flags) => ["npm", ["run", "serve", "--", ...flags]], vars, "/api/health");
}

/** Another Worker under plain `wrangler dev -c <config>`. */
export function startWranglerDev(config: string, vars: Record<string, string>): Promise<WorkerProcess> {
  return launch((flags) => ["npx", ["wrangler", "dev", "-c", config, ...flags]], vars, "/");
}

async function launch(
  command: (flags: string[]) => [string, string[]],
  vars: Record<string, string>,
  readyPath: string,
): Promise<WorkerProcess> {
  const port = await freePort();
  const persistDir = await mkdtemp(join(tmpdir(), "support-chat-e2e-"));
  const flags = [
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistDir,
    "--show-interactive-dev-session=false",
  ];
  for (const [name, value] of Object.entries(vars)) flags.push("--var", `${name}:${value}`);
  const [program, args] = command(flags);
  const child = spawn(program, args, {
    cwd: REPO_ROOT,
    detached: true,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await killGroup(child);
    await rm(persistDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`${origin}${readyPath}`, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { origin, persistDir, pgid: child.pid ?? 0, output: () => output, stop };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not become ready:\n${output()}`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
