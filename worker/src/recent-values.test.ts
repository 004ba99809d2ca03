import { describe, expect, it } from "vitest";
import { RecentValues } from "./recent-values";

describe("RecentValues", () => {
  it("computes a key once while it is remembered, and forgets everything once full", async () => {
    const computed: string[] = [];
    const recent = new RecentValues<string>(2);
    const get = (key: string) =>
      recent.get(key, async () => {
        computed.push(key);
        return key.toUpperCase();
      });
    expect(await get("a")).toBe("A");
    expect(await get("a")).toBe("A");
    await get("b");
    expect(computed).toEqual(["a", "b"]);
    await get("c"); // Full: "a" and "b" are forgotten.
    await get("a");
    expect(computed).toEqual(["a", "b", "c", "a"]);
  });

  it("forgets a computation that failed, so the next request tries again", async () => {
    const recent = new RecentValues<string>(10);
    await expect(recent.get("k", () => Promise.reject(new Error("no key")))).rejects.toThrow("no key");
    expect(await recent.get("k", async () => "ok")).toBe("ok");
  });
});
