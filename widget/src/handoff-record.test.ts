/** The handoff record and the flag widget.js reads to know someone is waiting on the team. */
import { afterEach, describe, expect, it } from "vitest";
import { readRecord, saveRecord, waits } from "./handoff-record";
import { storageKey } from "./storage-key";

const API = "https://chat.example";
const record = { open: ["0123456789abcdef01234567"], checked: 0, seen: 0, unread: 0 };

afterEach(() => localStorage.clear());

describe("the handoff record", () => {
  it("sets the waiting flag while a request is open or a reply unread, and clears it after", () => {
    const flag = () => localStorage.getItem(storageKey(API, "waiting"));
    saveRecord(API, record);
    expect(readRecord(API)).toEqual(record);
    expect(flag()).toBe("1");
    saveRecord(API, { ...record, open: [], unread: 2 });
    expect(flag()).toBe("1");
    saveRecord(API, { ...record, open: [] });
    expect(flag()).toBeNull();
    expect(waits(readRecord(API))).toBe(false);
  });

  it("reads foreign or corrupt data as no record", () => {
    localStorage.setItem(storageKey(API, "handoff"), "{not json");
    expect(readRecord(API)).toBeNull();
    localStorage.setItem(storageKey(API, "handoff"), JSON.stringify({ open: "nope" }));
    expect(readRecord(API)).toBeNull();
  });
});
