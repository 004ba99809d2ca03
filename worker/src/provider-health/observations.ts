/**
 * What this Worker instance's requests found out about the provider, gathered in memory and
 * reported to the `ProviderHealth` object together every couple of seconds (`waitUntil`), like
 * the stats: a chat never waits on it, and a busy instance makes one call per batch, not one per
 * chat. Outcomes not yet reported when an instance is torn down are lost, which a health record
 * fed by every chat can afford.
 */
import type { Bindings } from "../env";
import { type EnvConfig, readEnvConfig } from "../env-config";
import { pause } from "../pause";
import type { AlertRoute } from "./alerts";
import type { HealthView, OutcomeRun, ProviderOutcome } from "./health-record";

/** How long outcomes gather before they are reported. */
export const REPORT_AFTER_MS = 2_000;
/** Runs kept per batch: the latest, should a flapping provider alternate faster than that. */
const RUNS_MAX = 32;

interface Batch {
  runs: OutcomeRun[];
  route: AlertRoute;
}

const batches = new Map<string, Batch>();

/** The object that keeps the health of the provider at `config.baseUrl`. */
export function healthObject(env: Bindings, config: EnvConfig) {
  return env.PROVIDER_HEALTH.get(env.PROVIDER_HEALTH.idFromName(config.baseUrl));
}

/** Where alerts go and when, from this instance's configuration; `requestUrl` names the Worker's own origin. */
export function alertRoute(config: EnvConfig, requestUrl: string): AlertRoute {
  const { operatorEmail, emailFrom, webhookUrl } = config.handoff;
  return {
    consoleUrl: `${new URL(requestUrl).origin}/admin/#provider`,
    model: config.model,
    email: operatorEmail && emailFrom ? { to: operatorEmail, from: emailFrom } : null,
    webhook: webhookUrl !== undefined,
    afterMs: config.providerAlertAfterMs,
  };
}

function add(runs: OutcomeRun[], outcome: ProviderOutcome): void {
  const last = runs.at(-1);
  const fallbacks = outcome.fallback ? 1 : 0;
  if (last && last.state === outcome.state) {
    last.first = Math.min(last.first, outcome.at);
    last.last = Math.max(last.last, outcome.at);
    last.fallbacks += fallbacks;
    return;
  }
  runs.push({ state: outcome.state, first: outcome.at, last: outcome.at, fallbacks });
  if (runs.length > RUNS_MAX) runs.shift();
}

/** Notes an outcome; the first of a batch schedules the report with `waitUntil`. */
export function observeProvider(
  env: Bindings,
  requestUrl: string,
  outcome: ProviderOutcome,
  waitUntil: (work: Promise<unknown>) => void,
): void {
  const config = readEnvConfig(env);
  const name = config.baseUrl;
  const waiting = batches.get(name);
  if (waiting) {
    add(waiting.runs, outcome);
    return;
  }
  const batch: Batch = { runs: [], route: alertRoute(config, requestUrl) };
  add(batch.runs, outcome);
  batches.set(name, batch);
  waitUntil(
    pause(REPORT_AFTER_MS).then(async () => {
      if (batches.get(name) === batch) batches.delete(name);
      if (batch.runs.length === 0) return; // Taken by reportNow meanwhile.
      try {
        await healthObject(env, config).report(batch);
      } catch (err) {
        console.error(`provider health not reported: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
  );
}

/**
 * Reports what this instance has gathered (and `outcome`, if given) at once, and answers the
 * health as it then stands: what the console reads, and where "Test provider" goes.
 */
export async function reportNow(env: Bindings, requestUrl: string, outcome?: ProviderOutcome): Promise<HealthView> {
  const config = readEnvConfig(env);
  const name = config.baseUrl;
  const runs = batches.get(name)?.runs.splice(0) ?? [];
  batches.delete(name);
  if (outcome) add(runs, outcome);
  return healthObject(env, config).report({ runs, route: alertRoute(config, requestUrl) });
}
