/**
 * Runs the product the way a developer does, `npm run serve -- <flags>` (build, then
 * `wrangler dev`), on a free port with its own local storage, for end-to-end and browser tests.
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
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function startWorker(vars: Record<string, string>): Promise<WorkerProcess> {
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
  const child = spawn("npm", ["run", "serve", "--", ...flags], {
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
    await waitUntilReady(origin, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { origin, output: () => output, stop };
}

async function waitUntilReady(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) return;
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
