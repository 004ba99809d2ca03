/** Office hours on the team's own clock, and in the visitor's words. */
import { describe, expect, it } from "vitest";
import { describeHours, isOpen } from "./office-hours";

const weekdays = {
  timezone: "Europe/Berlin",
  days: ["mon", "tue", "wed", "thu", "fri"],
  start: "09:00",
  end: "17:30",
} as const;
const hours = { ...weekdays, days: [...weekdays.days] };

describe("office hours", () => {
  it("are open on the team's clock, not the visitor's", () => {
    // Wednesday 3 December 2025, 08:30 UTC is 09:30 in Berlin: open.
    expect(isOpen(hours, new Date("2025-12-03T08:30:00Z"))).toBe(true);
    // 07:30 UTC is 08:30 in Berlin: not yet.
    expect(isOpen(hours, new Date("2025-12-03T07:30:00Z"))).toBe(false);
    // 16:29 UTC is 17:29 in Berlin: open; 16:30 is the close.
    expect(isOpen(hours, new Date("2025-12-03T16:29:00Z"))).toBe(true);
    expect(isOpen(hours, new Date("2025-12-03T16:30:00Z"))).toBe(false);
    // Saturday.
    expect(isOpen(hours, new Date("2025-12-06T10:00:00Z"))).toBe(false);
    // Sunday evening in UTC is already Monday morning in Tokyo (UTC+9).
    expect(isOpen({ ...hours, timezone: "Asia/Tokyo" }, new Date("2025-12-08T00:30:00Z"))).toBe(true);
  });

  it("end at 24:00 if the operator says so", () => {
    expect(isOpen({ ...hours, timezone: "UTC", start: "00:00", end: "24:00" }, new Date("2025-12-03T23:59:00Z"))).toBe(
      true,
    );
  });

  it("read as ranges of days in the visitor's language", () => {
    expect(describeHours(hours, "en")).toBe("Mon–Fri, 09:00–17:30 (Europe/Berlin)");
    expect(describeHours({ ...hours, days: ["mon", "wed", "sat", "sun"] }, "en")).toBe(
      "Mon, Wed, Sat, Sun, 09:00–17:30 (Europe/Berlin)",
    );
    // ICU's abbreviations vary (with or without a full stop): the shape is what matters.
    expect(describeHours({ ...hours, days: ["tue", "wed", "thu", "sun"], timezone: "America/New_York" }, "de")).toMatch(
      /^Di\.?–Do\.?, So\.?, 09:00–17:30 \(America\/New York\)$/,
    );
    expect(describeHours(hours, "es")).toMatch(/^lun\.?–vie\.?, 09:00–17:30/);
  });
});
