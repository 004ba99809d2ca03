/**
 * The `ProviderHealth` Durable Object: the one place that knows how the model provider is doing,
 * across every Worker instance. Instances gather what their requests found (answered, failed and
 * how, answered from the FAQ instead) and report it every couple of seconds, off every response's
 * path (observations.ts); the console reads it; and its alarm alerts the operator once the trouble
 * has lasted the threshold, then once more when the model answers again (health-record.ts).
 */
import { DurableObject } from "cloudflare:workers";
import { type AlertRoute, sendAlert } from "./alerts";
import {
  alertDue,
  EMPTY_RECORD,
  type HealthRecord,
  type HealthView,
  merge,
  nextCheck,
  type OutcomeRun,
  view,
} from "./health-record";

export interface HealthReport {
  runs: OutcomeRun[];
  /** Where alerts go, as the reporting instance is configured. */
  route: AlertRoute;
}

const RECORD = "record";
const ROUTE = "route";

export class ProviderHealth extends DurableObject<Env> {
  /** Takes a Worker instance's outcomes, and answers the health they leave. */
  async report({ runs, route }: HealthReport): Promise<HealthView> {
    const kv = this.ctx.storage.kv;
    let record = kv.get<HealthRecord>(RECORD) ?? EMPTY_RECORD;
    for (const run of [...runs].sort((a, b) => a.first - b.first)) record = merge(record, run);
    kv.put(RECORD, record);
    kv.put(ROUTE, route);
    await this.#scheduleCheck(record, route.afterMs);
    return view(record);
  }

  /** The health as it stands. */
  status(): HealthView {
    return view(this.ctx.storage.kv.get<HealthRecord>(RECORD) ?? EMPTY_RECORD);
  }

  /** Sends the alert that is due, if any, and looks again when the next one could be. */
  override async alarm(): Promise<void> {
    const kv = this.ctx.storage.kv;
    const route = kv.get<AlertRoute>(ROUTE);
    let record = kv.get<HealthRecord>(RECORD);
    if (!route || !record) return;
    const now = Date.now();
    const due = alertDue(record, route.afterMs, now);
    if (due === "recovered" && record.alertedFor !== null) {
      const incident = {
        kind: due,
        state: view(record).state,
        failingSince: record.alertedFor,
        fallbacks: record.fallbacks,
        now,
      };
      record = { ...record, alertedFor: null };
      kv.put(RECORD, record);
      await sendAlert(this.env, incident, route);
    }
    // A new incident may have begun before the recovery of the last one was told.
    const current = view(record);
    if (alertDue(record, route.afterMs, now) === "failing" && current.since !== null) {
      const incident = {
        kind: "failing" as const,
        state: current.state,
        failingSince: current.since,
        fallbacks: current.fallbacksSince,
        now,
      };
      record = { ...record, alertedFor: current.since };
      kv.put(RECORD, record);
      await sendAlert(this.env, incident, route);
    }
    await this.#scheduleCheck(record, route.afterMs);
  }

  async #scheduleCheck(record: HealthRecord, afterMs: number): Promise<void> {
    const at = nextCheck(record, afterMs, Date.now());
    if (at === null) return;
    const scheduled = await this.ctx.storage.getAlarm();
    if (scheduled === null || scheduled > at) await this.ctx.storage.setAlarm(at);
  }
}
