/** The Limiter Durable Object on its own: reservations, expiry, sign-ins, and deleting itself when idle. */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { uniqueTag } from "../testing/harness";
import { DAY_MS } from "../utc-day";
import { IDLE_MS, Limiter, RESERVATION_TTL_MS, SIGN_IN_FAILURES_PER_MINUTE } from "./limiter";

const limiter = () => env.LIMITER.get(env.LIMITER.idFromName(`test:${uniqueTag()}`));
const chat = (visitor: string, now: number, reserve: number, perDay = 10_000) => ({
  visitor,
  now,
  visitorPerMinute: 100,
  networkPerMinute: 500,
  tokens: { visitorPerDay: perDay, networkPerDay: 5 * perDay, reserve },
});

describe("Limiter", () => {
  it("counts the same after a restart, once its writes are written: memory is a copy of what SQLite holds", async () => {
    const stub = limiter();
    const now = Date.now();
    const perMinute = { ...chat("v1", now, 0), visitorPerMinute: 2 };
    await stub.admit(perMinute);
    await stub.admit({ ...perMinute, now: now + 1 });
    const open = await stub.admit({ ...chat("v2", now + 2, 1500), visitorPerMinute: 2 });
    if (!open.ok || open.reservation === null) throw new Error("not admitted");
    const settled = await stub.admit({ ...chat("v2", now + 3, 700), settlements: [[open.reservation, 400]] });
    expect(settled).toMatchObject({ ok: true });
    await runInDurableObject(stub, (running: Limiter, state) => {
      running.writePending();
      const restarted = new Limiter(state, env);
      expect(restarted.admit({ ...perMinute, now: now + 4 })).toMatchObject({ ok: false });
      expect(restarted.recentRequests(now + 4, "v1")).toBe(2);
      expect(restarted.tokensUsed(now + 4, "v2")).toBe(400 + 700);
      expect(restarted.tokensUsed(now + 4)).toBe(400 + 700);
      expect(restarted.admit({ ...perMinute, now: now + 60_002 })).toMatchObject({ ok: true });
    });
  });

  it("answers an admission before writing it: memory decides, storage follows in one transaction", async () => {
    const stub = limiter();
    const now = Date.now();
    await runInDurableObject(stub, (running: Limiter, state) => {
      const rows = () =>
        state.storage.sql.exec("SELECT (SELECT COUNT(*) FROM hits) + (SELECT COUNT(*) FROM reservations) AS n").one().n;
      const admitted = running.admit(chat("v1", now, 1500));
      expect(admitted).toMatchObject({ ok: true });
      expect(rows()).toBe(0);
      expect(running.recentRequests(now, "v1")).toBe(1);
      expect(running.tokensUsed(now, "v1")).toBe(1500);
      running.writePending();
      expect(rows()).toBe(2);
    });
  });

  it("never gives a settled reservation's id again, across a restart", async () => {
    const stub = limiter();
    const now = Date.now();
    const first = await stub.admit(chat("v1", now, 1000));
    if (!first.ok || first.reservation === null) throw new Error("not admitted");
    await stub.settle(first.reservation, 200);
    await runInDurableObject(stub, (running: Limiter, state) => {
      running.writePending();
      const restarted = new Limiter(state, env);
      const second = restarted.admit(chat("v1", now + 1, 1000));
      if (!second.ok || second.reservation === null) throw new Error("not admitted");
      expect(second.reservation).toBeGreaterThan(first.reservation as number);
      // A settlement sent twice (its first call's answer was lost) must not settle the new reservation.
      restarted.settle(first.reservation as number, 0);
      expect(restarted.tokensUsed(now + 1, "v1")).toBe(200 + 1000);
    });
  });

  it("counts a reservation at once, and replaces it with what was used", async () => {
    const stub = limiter();
    const now = Date.parse("2026-03-01T12:00:00Z");
    const admitted = await stub.admit(chat("v1", now, 1500));
    if (!admitted.ok || admitted.reservation === null) throw new Error("not admitted");
    expect(await stub.tokensUsed(now, "v1")).toBe(1500);
    await stub.settle(admitted.reservation, 320);
    expect(await stub.tokensUsed(now, "v1")).toBe(320);
    expect(await stub.tokensUsed(now)).toBe(320);
    await stub.settle(admitted.reservation, 999);
    expect(await stub.tokensUsed(now, "v1")).toBe(320);
  });

  it("refuses a visitor whose day is spent until midnight, and still admits the others", async () => {
    const stub = limiter();
    const now = Date.parse("2026-03-01T23:59:00Z");
    const first = await stub.admit(chat("v1", now, 1000, 1000));
    expect(first).toMatchObject({ ok: true });
    expect(await stub.admit(chat("v1", now + 1000, 1000, 1000))).toEqual({ ok: false, retryAfterMs: 59_000 });
    expect(await stub.admit(chat("v2", now + 2000, 1000, 1000))).toMatchObject({ ok: true });
    expect(await stub.admit(chat("v1", Date.parse("2026-03-02T00:00:01Z"), 1000, 1000))).toMatchObject({ ok: true });
  });

  it("charges a reservation nobody settled in full once it expires", async () => {
    const stub = limiter();
    const now = Date.now();
    await stub.admit(chat("gone", now - RESERVATION_TTL_MS - 1000, 1800));
    await runInDurableObject(stub, (running: Limiter) => running.writePending());
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.tokensUsed(now, "gone")).toBe(1800);
    await runInDurableObject(stub, (_, state) => {
      expect(state.storage.sql.exec("SELECT COUNT(*) AS n FROM reservations").one().n).toBe(0);
    });
  });

  it("deletes everything it holds after two idle days, and keeps an active one", async () => {
    const idle = limiter();
    const active = limiter();
    for (const stub of [idle, active]) {
      await stub.admit(chat("v", Date.now(), 0));
      await runInDurableObject(stub, (running: Limiter) => running.writePending());
    }
    await runInDurableObject(idle, (_, state) => {
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'active'", Date.now() - IDLE_MS - 1);
    });
    await runDurableObjectAlarm(idle);
    await runDurableObjectAlarm(active);
    const rows = (stub: typeof idle) =>
      runInDurableObject(
        stub,
        (_, state) =>
          state.storage.sql.exec("SELECT (SELECT COUNT(*) FROM hits) + (SELECT COUNT(*) FROM meta) AS n").one().n,
      );
    expect(await rows(idle)).toBe(0);
    expect(await rows(active)).toBe(2);
    expect(await runInDurableObject(idle, (_, state) => state.storage.getAlarm())).toBeNull();
    // Deleted, it still works if its network comes back.
    expect(await idle.admit(chat("v", Date.now(), 0))).toMatchObject({ ok: true });
    expect(await runInDurableObject(active, (_, state) => state.storage.getAlarm())).toBeGreaterThan(
      Date.now() + IDLE_MS - DAY_MS,
    );
  });

  it("decides concurrent sign-ins atomically: exactly 5 wrong tokens a minute, then every attempt is refused", async () => {
    const stub = limiter();
    const now = Date.now();
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => stub.signIn(false, now)));
    expect(verdicts.filter((v) => !v.ok && !v.locked)).toHaveLength(SIGN_IN_FAILURES_PER_MINUTE);
    expect(verdicts.filter((v) => !v.ok && v.locked)).toHaveLength(12 - SIGN_IN_FAILURES_PER_MINUTE);
    expect(await stub.signIn(true, now + 1000)).toMatchObject({ ok: false, locked: true });
    expect(await stub.signIn(true, now + 60_001)).toEqual({ ok: true });
  });
});
