/**
 * `npm start`: builds and serves the Worker on http://localhost:8787 (`npm run serve`), serves the
 * demo host site on http://localhost:5173 (a different origin, as in real life), and prints both.
 */
import { spawn } from "node:child_process";
import { startDemo } from "./server.ts";

const WORKER = "http://localhost:8787";
const DEMO_PORT = 5173;
const allowed = `http://localhost:${DEMO_PORT},http://127.0.0.1:${DEMO_PORT}`;

const worker = spawn("npm", ["run", "serve", "--", "--port", "8787", "--var", `ALLOWED_ORIGINS:${allowed}`], {
  stdio: "inherit",
  detached: true,
});
const demo = await startDemo({ port: DEMO_PORT, host: "localhost" });

const stop = () => {
  if (worker.pid) process.kill(-worker.pid, "SIGTERM");
  void demo.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
worker.on("exit", (code) => {
  void demo.close().then(() => process.exit(code ?? 0));
});

for (let i = 0; i < 240; i++) {
  try {
    const health = (await (await fetch(`${WORKER}/api/health`)).json()) as { mode: string };
    console.log(
      `\n  Support Chat is running (${health.mode === "faq-only" ? "FAQ-only mode: no OPENAI_API_KEY" : "model mode"})`,
    );
    console.log(`  Demo site:  ${demo.origin}`);
    console.log(`  Worker:     ${WORKER}  (API, widget.js)\n`);
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
