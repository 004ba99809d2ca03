/**
 * `npm run serve -- <wrangler dev flags>`: builds the front-end, applies the D1 migrations to
 * local storage (the same `--persist-to` directory wrangler dev will use, if given), then runs
 * `wrangler dev` with the flags. Two serves with different ports and directories can run at once.
 */
import { spawn, spawnSync } from "node:child_process";

const flags = process.argv.slice(2);

function persistDir(args: string[]): string | undefined {
  const index = args.findIndex((arg) => arg === "--persist-to" || arg.startsWith("--persist-to="));
  if (index === -1) return undefined;
  const arg = args[index] ?? "";
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[index + 1];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("node", ["widget/build.ts"]);
const persist = persistDir(flags);
// CI=true: local migrations apply without asking for a confirmation.
const migrate = [
  "wrangler",
  "d1",
  "migrations",
  "apply",
  "DB",
  "--local",
  ...(persist ? ["--persist-to", persist] : []),
];
run("npx", migrate, { ...process.env, CI: "true" });

const dev = spawn("npx", ["wrangler", "dev", ...flags], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
