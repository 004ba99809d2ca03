import { afterEach, describe, expect, it } from "vitest";
import { type StoredMessage, WidgetStorage } from "./storage";

const API = "https://chat.example";
const key = (name: string) => `support-chat:v1:${API}:${name}`;
const message = (id: string, at: number, content = id): StoredMessage => ({ id, role: "user", content, at });

afterEach(() => localStorage.clear());

describe("WidgetStorage", () => {
  it("keeps a conversation per API base", () => {
    new WidgetStorage(API).saveConversation([message("a", 1)]);
    expect(new WidgetStorage(API).conversation().map((m) => m.id)).toEqual(["a"]);
    expect(new WidgetStorage("https://other.example").conversation()).toEqual([]);
  });

  it("reads corrupt or foreign data as an empty conversation, dropping what is not a message", () => {
    const storage = new WidgetStorage(API);
    for (const junk of ["{not json", '"a string"', "42", "null", '{"0":{"id":"x"}}']) {
      localStorage.setItem(key("conversation"), junk);
      expect(storage.conversation(), junk).toEqual([]);
    }
    const good = message("ok", 5);
    localStorage.setItem(
      key("conversation"),
      JSON.stringify([null, 7, "text", { id: 1 }, { ...good, role: "system" }, { ...good, content: {} }, good]),
    );
    expect(storage.conversation()).toEqual([good]);
  });

  it("ignores cached settings that are not settings", () => {
    const storage = new WidgetStorage(API);
    for (const junk of ["[1]", '"x"', '{"suggestions":"not a list"}', "{broken"]) {
      localStorage.setItem(key("config"), junk);
      expect(storage.cachedConfig(), junk).toEqual({});
    }
  });

  it("makes one visitor id and keeps it, replacing an invalid one", () => {
    const id = new WidgetStorage(API).visitorId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(new WidgetStorage(API).visitorId()).toBe(id);
    localStorage.setItem(key("visitor"), "<script>");
    expect(new WidgetStorage(API).visitorId()).not.toBe("<script>");
  });

  it("merges what two tabs save at once, ordered by time, without bringing back what one deleted", () => {
    const tabA = new WidgetStorage(API);
    const tabB = new WidgetStorage(API);
    tabA.saveConversation([message("a1", 1), message("a2", 3)]);
    const merged = tabB.saveConversation([message("b1", 2)]);
    expect(merged.map((m) => m.id)).toEqual(["a1", "b1", "a2"]);
    expect(tabA.saveConversation([message("a1", 1)], new Set(["a2"])).map((m) => m.id)).toEqual(["a1", "b1"]);
  });

  it("goes on in memory when storage is full", () => {
    const filler = "x".repeat(512 * 1024);
    let filled = 0;
    try {
      for (;;) localStorage.setItem(`filler-${filled++}`, filler);
    } catch (error) {
      expect((error as DOMException).name).toBe("QuotaExceededError");
    }
    const storage = new WidgetStorage(API);
    const big = message("big", 1, "y".repeat(1024 * 1024));
    expect(() => storage.saveConversation([big])).not.toThrow();
    expect(storage.saveConversation([big]).map((m) => m.id)).toEqual(["big"]);
    expect(storage.visitorId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(storage.visitorId()).toBe(storage.visitorId());
  });
});
