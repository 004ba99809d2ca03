/**
 * The `ProviderHealth` Durable Object: the one place that knows how the model provider is doing,
 * across every Worker instance. Instances gather what their requests found (answered, failed and
 * how, answered from the FAQ instead) and report it every couple of seconds, off every response's
 * path (observations.ts); the console reads it; and its alarm alerts the operator once the trouble
 * has lasted the threshold, then once more when the model answers again (health-record.ts).
 */
import { DurableObject } from "cloudflare:workers";
import { type AlertRoute, type Incident, sendAlert } from "./alerts";
import {
  type AlertDue,
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
    if (runs.length > 0) kv.put(RECORD, record);
    kv.put(ROUTE, route);
    await this.#scheduleCheck(record, route.afterMs);
    return view(record);
  }

  /**
   * Sends the alerts that are due, if any, and looks again when the next one could be. Each is
   * marked sent before it goes out, and the record is read afresh after every send: reports keep
   * coming while an email is on its way.
   */
  override async alarm(): Promise<void> {
    const kv = this.ctx.storage.kv;
    const route = kv.get<AlertRoute>(ROUTE);
    if (!route) return;
    for (;;) {
      const record = kv.get<HealthRecord>(RECORD) ?? EMPTY_RECORD;
      const now = Date.now();
      const due = alertDue(record, route.afterMs, now);
      if (due === null) break;
      const incident = incidentOf(record, due, now);
      kv.put(RECORD, { ...record, alertedFor: due === "failing" ? incident.failingSince : null });
      await sendAlert(this.env, incident, route);
    }
    await this.#scheduleCheck(kv.get<HealthRecord>(RECORD) ?? EMPTY_RECORD, route.afterMs);
  }

  async #scheduleCheck(record: HealthRecord, afterMs: number): Promise<void> {
    const at = nextCheck(record, afterMs, Date.now());
    if (at === null) return;
    const scheduled = await this.ctx.storage.getAlarm();
    if (scheduled === null || scheduled > at) await this.ctx.storage.setAlarm(at);
  }
}

/** The incident an alert is about: the one that began at `alertedFor` when it is over, else the current one. */
function incidentOf(record: HealthRecord, due: NonNullable<AlertDue>, now: number): Incident {
  const current = view(record);
  if (due === "recovered") {
    return { kind: due, state: "ok", failingSince: record.alertedFor ?? now, fallbacks: record.fallbacks, now };
  }
  return {
    kind: due,
    state: current.state,
    failingSince: current.since ?? now,
    fallbacks: current.fallbacksSince,
    now,
  };
}
