/** The handoff record and the flag widget.js reads to know someone is waiting on the team. */
import { afterEach, describe, expect, it } from "vitest";
import { WidgetStorage } from "../storage";
import { readRecord, saveRecord, waits } from "./record";

const API = "https://chat.example";
const storage = new WidgetStorage(API);
const storageKey = (_: string, name: string) => `support-chat:v1:${API}:${name}`;
const record = { open: ["0123456789abcdef01234567"], checked: 0, seen: 0, unread: 0 };

afterEach(() => localStorage.clear());

describe("the handoff record", () => {
  it("sets the flag widget.js reads (embed.ts), while a request is open or a reply unread, and clears it after", () => {
    const flag = () => localStorage.getItem(storageKey(API, "waiting"));
    saveRecord(storage, record);
    expect(readRecord(storage)).toEqual(record);
    expect(flag()).toBe("1");
    saveRecord(storage, { ...record, open: [], unread: 2 });
    expect(flag()).toBe("1");
    saveRecord(storage, { ...record, open: [] });
    expect(flag()).toBeNull();
    expect(waits(readRecord(storage))).toBe(false);
  });

  it("reads foreign or corrupt data as no record", () => {
    localStorage.setItem(storageKey(API, "handoff"), "{not json");
    expect(readRecord(storage)).toBeNull();
    localStorage.setItem(storageKey(API, "handoff"), JSON.stringify({ open: "nope" }));
    expect(readRecord(storage)).toBeNull();
  });
});
